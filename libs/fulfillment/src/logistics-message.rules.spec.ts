import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseExportBill, parseLogisticsEvent } from './logistics-message.rules';

const msg = (o: Record<string, unknown>) => Buffer.from(JSON.stringify(o));
const event = { eventId: 'evt-1', orderNo: 'eo-2026-000001', trackingNo: 'MSKU1', carrier: 'MAERSK', type: 'DEPARTED', occurredAt: '2026-12-18T10:00:00+08:00' };

describe('logistics.events messages', () => {
  it('parses, normalising the time to UTC and the order number to upper case', () => {
    expect(parseLogisticsEvent(msg({ ...event, location: 'Ningbo' }))).toEqual({ ok: true, value: { ...event, orderNo: 'EO-2026-000001', occurredAt: '2026-12-18T02:00:00.000Z', location: 'Ningbo', customs: null } });
  });
  it('refuses what cannot be used, naming the field', () => {
    expect(parseLogisticsEvent(Buffer.from('{nope'))).toMatchObject({ ok: false, message: expect.stringMatching(/^not JSON/) });
    expect(parseLogisticsEvent(msg({ ...event, type: 'LOST' }))).toMatchObject({ ok: false, message: expect.stringMatching(/^type:/) });
    expect(parseLogisticsEvent(msg({ ...event, eventId: '' }))).toMatchObject({ ok: false, message: expect.stringMatching(/^eventId:/) });
    expect(parseLogisticsEvent(msg({ ...event, occurredAt: '2026-02-30T10:00:00Z' }))).toMatchObject({ ok: false, message: expect.stringMatching(/^occurredAt:/) });
    expect(parseLogisticsEvent(msg({ ...event, occurredAt: '2026-12-18' }))).toMatchObject({ ok: false, message: expect.stringMatching(/^occurredAt:/) });
    expect(parseLogisticsEvent(msg({ ...event, occurredAt: '2026-12-18T10:00:00' }))).toMatchObject({ ok: false, message: expect.stringMatching(/^occurredAt: needs a time zone/) });
  });
});

describe('export.one-stop-bills messages', () => {
  const bill = { billNo: 'OSB-1', orderNo: 'EO-2026-000002', status: 'declared', declaredValue: '43000.00', currency: 'cny', declaredAt: '2026-12-19T08:00:00Z' };
  it('parses; the value is a decimal string of the currency', () => {
    expect(parseExportBill(msg(bill))).toEqual({ ok: true, value: { ...bill, status: 'DECLARED', currency: 'CNY', declaredAt: '2026-12-19T08:00:00.000Z' } });
    expect(parseExportBill(msg({ ...bill, declaredValue: 43000 }))).toMatchObject({ ok: false, message: expect.stringMatching(/^declaredValue:/) });
    expect(parseExportBill(msg({ ...bill, declaredValue: '1.001' }))).toMatchObject({ ok: false, message: expect.stringMatching(/^declaredValue:/) });
    expect(parseExportBill(msg({ ...bill, currency: 'ZZZ' }))).toMatchObject({ ok: false, message: expect.stringMatching(/^currency:/) });
  });
});

describe('samples/ (what the demo and partners copy) are valid messages', () => {
  const sample = (name: string) => readFileSync(join(__dirname, '..', '..', '..', 'samples', name));
  it('logistics-event.json and logistics-one-stop-bill.json parse', () => {
    expect(parseLogisticsEvent(sample('logistics-event.json'))).toMatchObject({ ok: true, value: { type: 'DEPARTED', occurredAt: '2026-12-18T17:00:00.000Z' } });
    expect(parseExportBill(sample('logistics-one-stop-bill.json'))).toMatchObject({ ok: true, value: { currency: 'CNY', declaredValue: '44020.00' } });
  });
});
