import { parseEvaluationInput, parseReply } from './evaluation-input.rules';

describe('evaluation input', () => {
  it('accepts form strings and JSON numbers', () => {
    expect(parseEvaluationInput({ serviceAttitude: '5', deliverySpeed: '4', descriptionAccuracy: '3', comment: '' })).toEqual({
      ok: true,
      value: { ratings: { serviceAttitude: 5, deliverySpeed: 4, descriptionAccuracy: 3 }, comment: null },
    });
    expect(parseEvaluationInput({ serviceAttitude: 1, deliverySpeed: 2, descriptionAccuracy: 5 })).toMatchObject({ ok: true, value: { comment: null } });
  });

  it('keeps the comment exactly as given, markup and spaces included', () => {
    const comment = '  <script>alert("x")</script> fine goods 👍\n';
    expect(parseEvaluationInput({ serviceAttitude: 5, deliverySpeed: 5, descriptionAccuracy: 5, comment })).toMatchObject({ ok: true, value: { comment } });
  });

  it('names every bad field', () => {
    const parsed = parseEvaluationInput({ serviceAttitude: '0', deliverySpeed: 4.5, comment: 7 });
    expect(parsed).toEqual({
      ok: false,
      issues: [
        { field: 'serviceAttitude', message: 'must be a whole number of stars from 1 to 5' },
        { field: 'deliverySpeed', message: 'must be a whole number of stars from 1 to 5' },
        { field: 'descriptionAccuracy', message: 'is required: 1 to 5 stars' },
        { field: 'comment', message: 'must be text' },
      ],
    });
    expect(parseEvaluationInput({ serviceAttitude: '6', deliverySpeed: 'five', descriptionAccuracy: true })).toMatchObject({ ok: false });
  });

  it('limits the comment to 2000 characters, counted as a person counts them', () => {
    const ok = '👍'.repeat(2000);
    expect(parseEvaluationInput({ serviceAttitude: 5, deliverySpeed: 5, descriptionAccuracy: 5, comment: ok }).ok).toBe(true);
    expect(parseEvaluationInput({ serviceAttitude: 5, deliverySpeed: 5, descriptionAccuracy: 5, comment: `${ok}x` })).toEqual({ ok: false, issues: [{ field: 'comment', message: 'is 2001 characters; at most 2000' }] });
    expect(parseEvaluationInput({ serviceAttitude: 5, deliverySpeed: 5, descriptionAccuracy: 5, comment: 'a\u0000b' })).toMatchObject({ ok: false, issues: [{ field: 'comment' }] });
  });

  it('a reply is required, not blank, at most 2000 characters', () => {
    expect(parseReply({ text: 'Thank you!' })).toEqual({ ok: true, value: 'Thank you!' });
    expect(parseReply({})).toEqual({ ok: false, issues: [{ field: 'text', message: 'is required' }] });
    expect(parseReply({ text: '   ' })).toEqual({ ok: false, issues: [{ field: 'text', message: 'must not be blank' }] });
    expect(parseReply({ text: 'x'.repeat(2001) }).ok).toBe(false);
  });
});
