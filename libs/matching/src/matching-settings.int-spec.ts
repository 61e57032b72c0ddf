import { hubEntities } from '@ereceipt/testing/entities';
import type { Principal } from '@ereceipt/auth';
import { AssociateRemittance } from './associate-remittance.usecase';
import { ChangeMatchingSettings } from './change-matching-settings.usecase';
import { MatchingSettingsQuery } from './matching-settings.query';
import { ReplayMatching } from './replay/replay-matching.usecase';
import { financePrincipal as finance, MatchingWorld, secondFinancePrincipal as secondFinance } from './testing/matching-world';

/**
 * Sellers' matching settings on real PostgreSQL (docs/domain.md §3: the seller's tolerance; review
 * always or only when flagged): who may change what, the history, the effect on the next wire and
 * manual association, and a replay that applies the settings in force at each decision.
 */
describe('matching settings (PostgreSQL)', () => {
  let world: MatchingWorld;
  let change: ChangeMatchingSettings;
  let query: MatchingSettingsQuery;
  const admin: Principal = { tokenId: 'a', name: 'root', role: 'admin', sellerId: null };
  const short = (orderNo: string) =>
    world.wire({ amount: '995.00', instructedAmount: { currency: 'USD', amount: '1000.00' }, chargesDeducted: [{ currency: 'USD', amount: '5.00' }], references: [orderNo] });

  beforeAll(async () => {
    world = await MatchingWorld.create('matching_settings', hubEntities);
    change = new ChangeMatchingSettings(world.orm);
    query = new MatchingSettingsQuery(world.orm);
  });

  afterAll(async () => world?.close());

  it('defaults until someone changes them; the seller sets its tolerance, only finance or an admin the review policy', async () => {
    expect(await query.get(world.sellerId, world.seller)).toEqual({
      sellerId: world.sellerId, chargeTolerance: { percent: '1', absolute: '50' }, reviewPolicy: 'ONLY_FLAGGED', defaults: true, history: [], pendingChange: null,
    });
    await expect(change.execute(world.sellerId, {}, world.seller)).rejects.toMatchObject({ code: 'MATCHING.INVALID', kind: 'invalid' });
    await expect(change.execute(world.sellerId, { reviewPolicy: 'ALWAYS' }, world.seller)).rejects.toMatchObject({ code: 'MATCHING.FINANCE_ONLY', kind: 'forbidden' });
    const other: Principal = { ...world.seller, sellerId: '00000000-0000-4000-8000-000000000000' };
    await expect(query.get(world.sellerId, other)).rejects.toMatchObject({ code: 'MATCHING.NOT_FOUND', kind: 'not-found' });
    await expect(query.get(other.sellerId ?? '', admin)).rejects.toMatchObject({ kind: 'not-found' });

    const tightened = await change.execute(world.sellerId, { chargeTolerance: { percent: '0.1', absolute: '1' }, note: 'we absorb almost nothing' }, world.seller);
    expect(tightened).toMatchObject({ chargeTolerance: { percent: '0.1', absolute: '1' }, reviewPolicy: 'ONLY_FLAGGED', defaults: false, history: [{ changedBy: 'seller:seller', note: 'we absorb almost nothing' }] });
    // The same again changes nothing and adds nothing to the history.
    expect((await change.execute(world.sellerId, { chargeTolerance: { percent: '0.10', absolute: '1.0' } }, world.seller)).history).toHaveLength(1);
    await expect(world.orm.em.fork().execute(`update matching_settings set review_policy = 'ALWAYS'`)).rejects.toThrow(/append-only/);
  });

  it("the next wire uses the seller's tolerance: a 5.00 shortfall is no longer bank charges", async () => {
    const orderNo = await world.addOrder('ACME TRADING LLC', '1000.00', '0.00');
    const id = await world.record(short(orderNo));
    // Quoted by the buyer, but 5.00 short beyond a 1.00 tolerance: underpaid, so finance reviews it.
    expect(await world.view(id)).toMatchObject({ status: 'UNDER_REVIEW', decision: { outcome: 'AUTO', flags: expect.arrayContaining(['UNDERPAID']) } });
  });

  it('review policy ALWAYS (finance): even a clean automatic association and a seller’s own wait for finance', async () => {
    // Four eyes: finance asks (pending, nothing in force yet), cannot apply it alone; another change waits; a second finance person applies it.
    const asked = await change.execute(world.sellerId, { reviewPolicy: 'ALWAYS', chargeTolerance: { percent: '1', absolute: '50' }, note: 'month end' }, finance);
    expect(asked).toMatchObject({ reviewPolicy: 'ONLY_FLAGGED', pendingChange: { reviewPolicy: 'ALWAYS', requestedBy: 'finance:fin', note: 'month end' } });
    await expect(change.execute(world.sellerId, { reviewPolicy: 'ALWAYS', chargeTolerance: { percent: '1', absolute: '50' } }, finance)).rejects.toMatchObject({ code: 'FOUR_EYES.SAME_PERSON', kind: 'forbidden' });
    await expect(change.execute(world.sellerId, { reviewPolicy: 'ALWAYS', chargeTolerance: { percent: '2', absolute: '50' } }, secondFinance)).rejects.toMatchObject({ code: 'FOUR_EYES.DIFFERENT_REQUEST', kind: 'conflict' });
    const view = await change.execute(world.sellerId, { reviewPolicy: 'ALWAYS', chargeTolerance: { percent: '1', absolute: '50' } }, secondFinance);
    expect(view).toMatchObject({ reviewPolicy: 'ALWAYS', pendingChange: null, history: [{ changedBy: 'finance:fin2 (four eyes with finance:fin)', reviewPolicy: 'ALWAYS', note: 'month end' }, { reviewPolicy: 'ONLY_FLAGGED' }] });
    const clean = await world.addOrder('ACME TRADING LLC', '1000.00', '0.00');
    const auto = await world.record(short(clean));
    expect(await world.view(auto)).toMatchObject({ status: 'UNDER_REVIEW', decision: { outcome: 'AUTO', flags: ['BANK_CHARGES'] }, associations: [{ status: 'PROPOSED', method: 'AUTO' }] });

    const byHand = await world.addOrder('ACME TRADING LLC', '300.00', '700.00');
    const pending = await world.record(world.wire({ amount: '250.00' }));
    expect(await new AssociateRemittance(world.orm).execute(pending, [{ orderNo: byHand, amount: '250.00' }], world.seller)).toMatchObject({ status: 'PROPOSED', remittanceStatus: 'UNDER_REVIEW' });
  });

  it('a replay applies the settings in force at each decision (nothing changes), and a rules file overrides them', async () => {
    const today = world.today;
    const inForce = await new ReplayMatching(world.orm).execute({ from: today, to: today, rules: null });
    expect(inForce.remittances).toBe(3);
    expect(inForce.transitions).toEqual({});
    const defaults = await new ReplayMatching(world.orm).execute({ from: today, to: today, rules: { ruleVersion: 'defaults', chargeTolerance: null, names: null } });
    // Under the default tolerance, the first wire's 5.00 are bank charges: the same AUTO, BANK_CHARGES instead of UNDERPAID.
    expect(defaults.transitions).toEqual({ 'AUTO -> AUTO (other flags)': 1 });
    expect(defaults.changes).toEqual([
      expect.objectContaining({ stored: expect.objectContaining({ flags: expect.arrayContaining(['UNDERPAID']) }), replay: expect.objectContaining({ flags: ['BANK_CHARGES'] }) }),
    ]);
  });
});
