import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/store/db.ts';
import { leads } from '../../src/store/schema.ts';
import { deals } from '../../src/store/schemaWorkflow.ts';
import { openTestDatabase, resetDatabase } from '../helpers/database.ts';

// The columns reports read instead of history (migration 0006): what a lead has been (its highest
// lifecycle stage, whether it was ever converted) and what its won deals bring. Triggers keep them
// whoever writes, so these tests write with plain SQL, as a script or an import would.

let database: Database;
before(async () => {
  database = await openTestDatabase();
});
after(async () => database.close());
beforeEach(async () => resetDatabase(database));

async function newLead(values: Partial<typeof leads.$inferInsert> = {}): Promise<string> {
  const [row] = await database.db
    .insert(leads)
    .values({ kind: 'lead', valid: true, fullName: 'Milestone Person', ...values })
    .returning({ id: leads.id });
  if (!row) throw new Error('no lead');
  return row.id;
}

async function milestonesOf(id: string) {
  const [row] = await database.db
    .select({
      peak: leads.peakStageRank,
      converted: leads.reachedConverted,
      revenue: leads.wonRevenue,
      currency: leads.wonCurrency,
    })
    .from(leads)
    .where(eq(leads.id, id));
  return row;
}

describe('lead milestones', () => {
  test('the highest lifecycle stage stays after a step back; a conversion stays after reopening', async () => {
    const id = await newLead({ lifecycleStage: 'iql' });
    assert.deepEqual(await milestonesOf(id), { peak: 2, converted: false, revenue: null, currency: null });
    await database.db.update(leads).set({ lifecycleStage: 'sql' }).where(eq(leads.id, id));
    await database.db.update(leads).set({ lifecycleStage: 'mql' }).where(eq(leads.id, id));
    await database.db.update(leads).set({ status: 'converted' }).where(eq(leads.id, id));
    await database.db.update(leads).set({ status: 'in_progress' }).where(eq(leads.id, id));
    const after = await milestonesOf(id);
    assert.equal(after?.peak, 6); // sql, though the lead is an MQL now
    assert.equal(after?.converted, true);
    // A write that says otherwise does not erase the past.
    await database.db
      .update(leads)
      .set({ peakStageRank: 0, reachedConverted: false })
      .where(eq(leads.id, id));
    assert.deepEqual(await milestonesOf(id), { peak: 6, converted: true, revenue: null, currency: null });
  });

  test("won deals sum into the lead's revenue, and follow status changes, moves and deletes", async () => {
    const first = await newLead();
    const second = await newLead();
    const [deal] = await database.db
      .insert(deals)
      .values({ title: 'A', leadId: first, amount: '1000.50', currency: 'RUB', status: 'open' })
      .returning({ id: deals.id });
    if (!deal) throw new Error('no deal');
    assert.equal((await milestonesOf(first))?.revenue, null); // open: not a customer yet
    await database.db.update(deals).set({ status: 'won' }).where(eq(deals.id, deal.id));
    await database.db
      .insert(deals)
      .values({ title: 'B', leadId: first, amount: '99.50', currency: 'RUB', status: 'won' });
    assert.deepEqual(await milestonesOf(first), {
      peak: 2,
      converted: false,
      revenue: '1100.00',
      currency: 'RUB',
    });
    // Deal A moves to the second lead: both are recomputed.
    await database.db.update(deals).set({ leadId: second }).where(eq(deals.id, deal.id));
    assert.equal((await milestonesOf(first))?.revenue, '99.50');
    assert.equal((await milestonesOf(second))?.revenue, '1000.50');
    // Lost after all, then deleted: the second lead is no customer any more.
    await database.db.update(deals).set({ status: 'lost' }).where(eq(deals.id, deal.id));
    assert.equal((await milestonesOf(second))?.revenue, null);
    await database.db.delete(deals).where(eq(deals.leadId, first));
    assert.deepEqual(await milestonesOf(first), { peak: 2, converted: false, revenue: null, currency: null });
  });
});
