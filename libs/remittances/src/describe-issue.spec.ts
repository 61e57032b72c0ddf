import { describeIssue } from './record-bank-file.usecase';

describe('describeIssue (FILE:LINE: reason)', () => {
  it('names the file, line, field and code', () => {
    expect(describeIssue({ code: 'CSV.BAD_DATE', message: 'value_date "2026-02-30" is not a calendar date', line: 4, field: 'value_date', index: 2 }, 'in.csv')).toBe(
      'in.csv:4: value_date "2026-02-30" is not a calendar date [CSV.BAD_DATE]',
    );
    expect(describeIssue({ code: 'CAMT.MISSING_AMOUNT', message: 'the transaction has no amount', line: 12, field: 'Ntry/NtryDtls/TxDtls/Amt', index: 0 }, 'n.xml')).toBe(
      'n.xml:12: Ntry/NtryDtls/TxDtls/Amt: the transaction has no amount [CAMT.MISSING_AMOUNT]',
    );
  });

  it('says "?" when the line is unknown', () => {
    expect(describeIssue({ code: 'MT.EMPTY_INPUT', message: 'the input is empty', line: null, field: null, index: null }, 'x.fin')).toBe('x.fin:?: the input is empty [MT.EMPTY_INPUT]');
  });
});
