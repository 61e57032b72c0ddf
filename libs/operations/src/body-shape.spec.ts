import { nestingDepth } from './body-shape';

describe('how deep a JSON body nests (refused past 32 levels, before class-transformer recurses)', () => {
  it('counts levels of objects and arrays', () => {
    expect(nestingDepth('x')).toBe(0);
    expect(nestingDepth({})).toBe(1);
    expect(nestingDepth({ lines: [{ unitPrice: '1' }] })).toBe(3);
  });

  it('measures 100,000 levels without recursion (JSON.parse builds them; a recursive walk would overflow the stack)', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    expect(nestingDepth(deep)).toBe(100_000);
    expect(nestingDepth(deep, 32)).toBe(33);
  });
});
