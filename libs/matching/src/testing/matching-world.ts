import { randomUUID } from 'node:crypto';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import type { CanonicalRemittance } from '@ereceipt/contracts';
import { OutboxWriter } from '@ereceipt/messaging';
import { addAmounts } from '@ereceipt/money';
import { OrderEntity } from '@ereceipt/orders';
import { ormOptions } from '@ereceipt/persistence';
import { RecordRemittance, RemittanceHooks, RemittanceQueries } from '@ereceipt/remittances';
import { ApplySeller, DecideSeller } from '@ereceipt/sellers';
import { freshDatabase } from '@ereceipt/testing';
import { MatchRemittance } from '../match-remittance.usecase';
import { matchingStage } from '../matching.stage';

export const financePrincipal: Principal = { tokenId: 'f', name: 'fin', role: 'finance', sellerId: null };
/** Another finance person: the second pair of eyes on money. */
export const secondFinancePrincipal: Principal = { tokenId: 'g', name: 'fin2', role: 'finance', sellerId: null };

/**
 * Integration-test world of matching on real PostgreSQL: a fresh database, an approved seller with
 * USD and EUR collection accounts, matching wired to recording as in the hub, and the helpers the
 * specs share (orders, wires, recording, views).
 */
export class MatchingWorld {
  readonly failures: string[] = [];
  readonly today = new Date().toISOString().slice(0, 10);
  private seq = 0;

  private constructor(
    readonly orm: MikroORM,
    readonly dbUrl: string,
    readonly hooks: RemittanceHooks,
    readonly sellerId: string,
    /** The seller's USD virtual account. */
    readonly va: string,
  ) {}

  /** `entities`: the hub's (`hubEntities` of apps/hub; a lib does not import an app). */
  static async create(name: string, entities: NonNullable<Options['entities']>): Promise<MatchingWorld> {
    const db = await freshDatabase(name);
    await db.pool.end();
    const orm = await MikroORM.init(ormOptions({ databaseUrl: db.url, dbPoolMax: 4 }, entities));
    const applied = await new ApplySeller(orm).execute({ legalName: 'NINGBO EXAMPLE CO LTD', customsCode: '3302961234', tradeMode: '0110', currencies: ['USD', 'EUR'], contactEmail: 'f@example.cn' });
    const approved = await new DecideSeller(orm).approve(applied.sellerId);
    const hooks = new RemittanceHooks();
    const world = new MatchingWorld(orm, db.url, hooks, approved.sellerId, approved.collectionAccounts.find((a) => a.currency === 'USD')?.accountNumber ?? '');
    hooks.register(matchingStage(orm, new MatchRemittance(), { error: (m: string) => world.failures.push(m) }));
    return world;
  }

  get seller(): Principal {
    return { tokenId: 's', name: 'seller', role: 'seller', sellerId: this.sellerId };
  }

  /** A submitted order (created yesterday) with a deposit and a balance milestone; its number. */
  async addOrder(buyerName: string, deposit: string, balance: string, currency = 'USD', sellerId = this.sellerId): Promise<string> {
    this.seq += 1;
    const orderNo = `EO-${this.today.slice(0, 4)}-${String(900000 + this.seq)}`;
    const now = new Date();
    const zero = addAmounts(currency);
    await this.orm.em.fork().insert(OrderEntity, {
      id: randomUUID(), orderNo, sellerId, externalOrderId: null, buyerName, buyerEmail: 'ap@buyer.example', buyerCountry: 'US', currency,
      total: addAmounts(currency, deposit, balance), paidAmount: zero, lines: [],
      milestones: [{ kind: 'DEPOSIT', amount: deposit, dueDate: this.today, preShipment: true, paidAmount: zero }, { kind: 'BALANCE', amount: balance, dueDate: this.today, preShipment: false, paidAmount: zero }],
      incoterm: 'FOB', expectedShipDate: this.today, exportMethod: 'SELF_EXPORT', lifecycleStatus: 'SUBMITTED', paymentStatus: 'UNPAID', fulfilmentStatus: 'NOT_SHIPPED',
      cancelReason: null, createdAt: new Date(now.getTime() - 86_400_000), updatedAt: now, submittedAt: now, cancelledAt: null,
    });
    return orderNo;
  }

  /** An MT103 from ACME TRADING LLC to the seller's USD account, with these fields changed. */
  wire(over: Partial<CanonicalRemittance>): CanonicalRemittance {
    return {
      source: 'mt103', messageRef: `REF-${randomUUID().slice(0, 8)}`, uetr: randomUUID(), endToEndId: null, senderBic: 'BANKUS33XXX', valueDate: this.today, currency: 'USD', amount: '100.00',
      instructedAmount: null, chargeBearer: 'SHA', chargesDeducted: [], payer: { name: 'ACME TRADING LLC', account: 'US12345678', address: [], bic: null },
      beneficiary: { name: 'NINGBO EXAMPLE CO LTD', account: this.va }, remittanceInfo: null, references: [], relatedReference: null, possibleDuplicate: false, ...over,
    };
  }

  /** Records a wire as the inbound pipeline does (matching in the same transaction); its id. */
  async record(r: CanonicalRemittance): Promise<string> {
    return this.orm.em.fork().transactional(async (em) => {
      const result = await new RecordRemittance(em, new OutboxWriter(em), this.hooks).execute({ remittance: r, location: { index: 0, line: 1, raw: 'raw' } }, { inboundMessageId: '1', channel: 'http', topic: null, partition: null, offset: null, fileName: null });
      return result.id;
    });
  }

  view(id: string) {
    return new RemittanceQueries(this.orm, this.hooks).get(id, financePrincipal);
  }

  outbox(key: string) {
    return this.orm.em.fork().execute<Array<{ type: string; payload: Record<string, unknown> }>>(`select type, payload from outbox_event where key = ? order by seq`, [key]);
  }

  order(orderNo: string) {
    return this.orm.em.fork().findOneOrFail(OrderEntity, { orderNo });
  }

  close(): Promise<void> {
    return this.orm.close();
  }
}
