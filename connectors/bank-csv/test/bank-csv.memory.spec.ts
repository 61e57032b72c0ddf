import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseCsvStream } from '@connectors/bank-csv';

/**
 * Flat memory: 200k rows stream through `parseCsvStream` and the heap after 200k rows is about the
 * heap after 50k rows. A per-row leak of even 100 bytes would show as ~15 MB here. Time is not asserted.
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ROWS = 200_000;
const header = 'value_date,currency,amount,payer_name,payer_account,reference,remittance_info,beneficiary_account\n';

async function* generatedFile(): AsyncGenerator<Uint8Array> {
  yield Buffer.from(header);
  let batch: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const amount = `${1 + (i % 99_999)}.${String(i % 100).padStart(2, '0')}`;
    batch.push(`2026-11-${String(1 + (i % 28)).padStart(2, '0')},USD,${amount},Payer ${i},ACC${i},EO-2026-${i},"order EO-2026-${i}\nline 2",VA88000012345\n`);
    if (batch.length === 500) {
      yield Buffer.from(batch.join(''));
      batch = [];
    }
  }
  if (batch.length) yield Buffer.from(batch.join(''));
}

const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

describe('parseCsvStream memory', () => {
  it('does not grow with row count (200k rows)', async () => {
    let remittances = 0;
    let other = 0;
    let lastLine = 0;
    let heapAt50k = 0;
    for await (const event of parseCsvStream(generatedFile(), 'generic')) {
      if (event.type === 'remittance') {
        remittances += 1;
        lastLine = event.location.line;
      } else other += 1;
      if (remittances === 50_000 && heapAt50k === 0) heapAt50k = heapMb();
    }
    const heapAt200k = heapMb();
    console.info(`bank-csv streaming: heapUsed ${heapAt50k.toFixed(1)} MB after 50k rows, ${heapAt200k.toFixed(1)} MB after 200k rows`);
    expect(other).toBe(0);
    expect(remittances).toBe(ROWS);
    expect(lastLine).toBe(1 + 2 * (ROWS - 1) + 1); // two physical lines per row: line numbers stay right
    expect(heapAt200k - heapAt50k).toBeLessThan(16);
  }, 300_000);
});
