/**
 * Virtual collection account numbers: `VA` + `88` (the hub's range at the bank) + 8 digits from the
 * PostgreSQL sequence `collection_account_seq` + 1 Luhn check digit = `VA` + 11 digits, e.g.
 * `VA88000000018`. The check digit catches a mistyped digit or a swap of two neighbours in a
 * buyer's transfer, so matching never credits a near-miss account. Uniqueness comes from the
 * sequence and is enforced by a unique index on `collection_account.account_number`.
 */
const RANGE = '88';
const BODY_DIGITS = 8;

export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function virtualAccountNumber(sequence: number | bigint): string {
  const n = BigInt(sequence);
  if (n < 1n || n.toString().length > BODY_DIGITS) throw new RangeError(`virtual account sequence ${n} is out of range 1..${'9'.repeat(BODY_DIGITS)}`);
  const body = RANGE + n.toString().padStart(BODY_DIGITS, '0');
  return `VA${body}${luhnCheckDigit(body)}`;
}

/** True for a well-formed virtual account number with a correct check digit. */
export function isVirtualAccountNumber(text: string): boolean {
  const m = /^VA(\d{10})(\d)$/.exec(text);
  return m !== null && luhnCheckDigit(m[1]) === Number(m[2]);
}
