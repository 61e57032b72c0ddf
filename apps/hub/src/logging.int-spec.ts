import { Writable } from 'node:stream';
import { MikroORM } from '@mikro-orm/postgresql';
import pino from 'pino';
import { errorMessage } from '@ereceipt/messaging';
import { dropDatabase, freshDatabase } from '@ereceipt/testing';
import { ormOptions } from '@ereceipt/persistence';
import { hubEntities } from './entities';
import { loggerParams, safeUrl } from './logging';

/**
 * Issue 22 item 3: what a log line may say about a database error and about personal data, with
 * the hub's own pino options (redact + serializers) on a real PostgreSQL error raised through
 * MikroORM (whose message carries the whole statement with its values).
 */
describe('logging: no statement, no parameters, no personal data (PostgreSQL)', () => {
  let db: { url: string; pool: import('pg').Pool };
  let orm: MikroORM;

  beforeAll(async () => {
    db = await freshDatabase('logging');
    orm = await MikroORM.init(ormOptions({ databaseUrl: db.url, dbPoolMax: 2 }, hubEntities));
  });

  afterAll(async () => {
    await orm?.close();
    await db?.pool.end();
    if (db) await dropDatabase(db.url);
  });

  const capture = () => {
    const lines: string[] = [];
    const params = loggerParams({ logLevel: 'info' }).pinoHttp as pino.LoggerOptions;
    const log = pino({ level: 'info', redact: params.redact, serializers: params.serializers }, new Writable({ write: (chunk: Buffer, _e, done) => { lines.push(chunk.toString()); done(); } }));
    return { log, text: () => lines.join('') };
  };

  it('a unique violation is logged as class, SQLSTATE, constraint and table only', async () => {
    const em = orm.em.fork();
    await em.execute(`create table payer_probe (id int primary key, payer_name text not null, payer_account text not null, constraint payer_probe_account_uq unique (payer_account))`);
    await em.execute(`insert into payer_probe values (1, 'ZEPHYRINE QUAYSIDE GMBH', 'DE44500105175407324931')`);
    const failure = await em.execute(`insert into payer_probe values (?, ?, ?)`, [2, 'ZEPHYRINE QUAYSIDE GMBH', 'DE44500105175407324931']).then(() => null, (e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain('ZEPHYRINE'); // what the driver says: the statement with its values
    expect(errorMessage(failure)).toBe('UniqueConstraintViolationException (SQLSTATE 23505) on constraint payer_probe_account_uq of table payer_probe');
    const { log, text } = capture();
    log.warn({ err: failure, remittanceId: 'r-1' }, `batch failed (${errorMessage(failure)})`);
    const out = text();
    expect(out).toContain('payer_probe_account_uq');
    expect(out).toContain('"remittanceId":"r-1"');
    expect(out).not.toMatch(/ZEPHYRINE|DE445001|insert into/i);
  });

  it('names, accounts, addresses, e-mails, tokens and SQL parameters are redacted; a link keeps its path, not its token', () => {
    const { log, text } = capture();
    log.info({ remittance: { payerName: 'ZEPHYRINE QUAYSIDE GMBH', payerAccount: 'DE44500105175407324931', payer: { address: ['1 QUAY ROAD'] } }, email: 'ap@zephyrine.example', token: 'erh_secret', sql: 'select 1', params: ['x'] }, 'recorded');
    log.info({ req: { method: 'GET', url: '/api/v1/buyer/orders/EO-2026-000001?t=signed.token.value', headers: { authorization: 'Bearer erh_x', cookie: 'ereceipt_console=ers_x' } } }, 'request');
    const out = text();
    expect(out).not.toMatch(/ZEPHYRINE|DE445001|QUAY ROAD|zephyrine\.example|erh_|ers_|signed\.token|select 1/);
    expect(out).toContain('/api/v1/buyer/orders/EO-2026-000001?t=…');
    expect(safeUrl('/console/queue?payer=ACME&amount=1.00')).toBe('/console/queue?payer=…&amount=…');
  });
});
