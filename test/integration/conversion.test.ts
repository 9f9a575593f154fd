import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { leads } from '../../src/store/schema.ts';
import { queryRows } from '../../src/store/sql.ts';
import { asAdmin, bodyOf, capture, createTestContext, type TestContext } from '../helpers/app.ts';
import { createTestUser, type TestUser } from '../helpers/users.ts';

type Lead = {
  id: string;
  status: string;
  lifecycleStage: string;
  convertedAt: string | null;
  contactId: string | null;
  companyId: string | null;
  dealId: string | null;
  ownerId: string | null;
};
type Detail = Lead & { timeline: { type: string; data: Record<string, unknown> }[] };
type Contact = {
  id: string;
  fullName: string;
  emails: string[];
  phones: string[];
  ownerId: string | null;
  companyId: string | null;
  sourceLeadId: string | null;
  consent: { given: boolean } | null;
};
type Company = {
  id: string;
  name: string;
  taxId: string | null;
  kpp: string | null;
  ownerId: string | null;
  sourceLeadId: string | null;
};
type Deal = {
  id: string;
  leadId: string;
  contactId: string | null;
  companyId: string | null;
  amount: string;
  currency: string;
  stage: string;
  status: string;
  ownerId: string | null;
};
type Result = {
  lead: Lead;
  contact: Contact | null;
  company: Company | null;
  deal: Deal | null;
  created: { contact: boolean; company: boolean; deal: boolean };
  replayed: boolean;
};
type Problem = {
  status: number;
  code: string;
  detail?: string;
  invalid_params?: { name: string }[];
  contactId?: string;
  dealId?: string;
};

let ctx: TestContext;
let rep: TestUser;
let otherRep: TestUser;
let head: TestUser;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(async () => {
  await ctx.reset();
  rep = await createTestUser(ctx, 'rep');
  otherRep = await createTestUser(ctx, 'rep');
  head = await createTestUser(ctx, 'head');
});

async function leadOwnedBy(owner: TestUser | null, payload: Record<string, unknown> = {}): Promise<string> {
  ctx.clock.advance(60_000);
  const body = bodyOf<{ lead: { id: string } }>(
    await capture(ctx, {
      name: 'Пётр Васильев',
      email: 'petr@vector.ru',
      phone: '+7 916 555-44-33',
      company: 'ООО Вектор',
      consent: 'true',
      ...payload,
    }),
  );
  await ctx.database.db
    .update(leads)
    .set({ ownerId: owner?.id ?? null })
    .where(eq(leads.id, body.lead.id));
  return body.lead.id;
}

const convert = (
  leadId: string,
  payload: Record<string, unknown>,
  headers: Record<string, string> = asAdmin,
) => ctx.app.inject({ method: 'POST', url: `/api/leads/${leadId}/convert`, headers, payload });

const detail = async (leadId: string) =>
  bodyOf<Detail>(await ctx.app.inject({ method: 'GET', url: `/api/leads/${leadId}`, headers: asAdmin }));

async function count(table: 'contacts' | 'companies' | 'deals' | 'match_profiles'): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    ctx.database.db,
    sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`,
  );
  return Number(row?.n);
}

describe('converting a lead', () => {
  test('creates a contact, a company and a deal, linked both ways, with the history on the lead', async () => {
    const leadId = await leadOwnedBy(rep);
    ctx.clock.set('2026-03-05T10:00:00.000Z');
    const response = await convert(
      leadId,
      {
        contact: { create: { position: 'Директор' } },
        company: { create: { taxId: '7707 083893', kpp: '773601001' } },
        deal: { amount: '12000.50' },
      },
      rep.headers,
    );
    assert.equal(response.statusCode, 200, response.body);
    const result = bodyOf<Result>(response);
    const { contact, company, deal, lead } = result;
    assert.ok(contact && company && deal);
    assert.deepEqual(result.created, { contact: true, company: true, deal: true });
    assert.equal(result.replayed, false);

    assert.equal(contact.fullName, 'Пётр Васильев');
    assert.deepEqual(contact.emails, ['petr@vector.ru']);
    assert.deepEqual(contact.phones, ['+79165554433']);
    assert.equal(contact.ownerId, rep.id, 'the new contact belongs to the lead owner');
    assert.equal(contact.sourceLeadId, leadId);
    assert.equal(contact.companyId, company.id);

    assert.equal(company.name, 'ООО Вектор');
    assert.equal(company.taxId, '7707083893', 'spaces typed in the INN are dropped');
    assert.equal(company.ownerId, rep.id);
    assert.equal(company.sourceLeadId, leadId);

    const { leadId: dealLead, contactId, companyId, amount, currency, stage, status, ownerId } = deal;
    assert.deepEqual(
      { dealLead, contactId, companyId, amount, currency, stage, status, ownerId },
      {
        dealLead: leadId,
        contactId: contact.id,
        companyId: company.id,
        amount: '12000.50',
        currency: 'RUB',
        stage: 'new',
        status: 'open',
        ownerId: rep.id,
      },
    );

    assert.equal(lead.status, 'converted');
    assert.equal(lead.lifecycleStage, 'sql');
    assert.equal(lead.convertedAt, '2026-03-05T10:00:00.000Z');
    assert.deepEqual([lead.contactId, lead.companyId, lead.dealId], [contact.id, company.id, deal.id]);

    const { timeline } = await detail(leadId);
    const types = timeline.map((e) => e.type);
    const statusChange = timeline.filter((e) => e.type === 'status_changed').at(-1);
    assert.equal(statusChange?.data.to, 'converted');
    assert.ok(typeof statusChange?.data.from === 'string');
    assert.deepEqual(timeline.find((e) => e.type === 'lifecycle_changed')?.data, {
      from: 'iql',
      to: 'sql',
      reason: 'converted',
    });
    const converted = timeline.find((e) => e.type === 'converted');
    assert.ok(converted && types.indexOf('converted') > types.indexOf('status_changed'));
    assert.equal(converted.data.contactId, contact.id);
    assert.equal(converted.data.companyId, company.id);
    assert.equal(converted.data.dealId, deal.id);
  });

  test('a later inquiry from the converted person attaches to the new contact', async () => {
    const leadId = await leadOwnedBy(rep);
    const result = bodyOf<Result>(await convert(leadId, { contact: { create: {} } }, rep.headers));
    ctx.clock.advance(3_600_000);
    const again = bodyOf<{ outcome: string; attachedTo?: { type: string; id: string } }>(
      await capture(ctx, { name: 'Пётр Васильев', email: 'petr@vector.ru', phone: '+79165554433' }),
    );
    assert.equal(again.outcome, 'attached');
    assert.equal(again.attachedTo?.type, 'contact');
    assert.equal(again.attachedTo?.id, result.contact?.id);
  });

  test('a deal won at conversion makes the lead a customer and closes the deal', async () => {
    const leadId = await leadOwnedBy(rep);
    const result = bodyOf<Result>(
      await convert(leadId, { deal: { amount: '500', status: 'won', stage: 'payment' } }, rep.headers),
    );
    assert.equal(result.lead.lifecycleStage, 'customer');
    assert.equal(result.deal?.status, 'won');
    assert.equal(result.deal?.amount, '500.00');
    assert.equal(result.contact, null);
    assert.equal(result.lead.contactId, null);
  });

  test('suggests and attaches to an existing contact and company instead of creating them', async () => {
    const existing = bodyOf<Contact>(
      await ctx.app.inject({
        method: 'POST',
        url: '/api/contacts',
        headers: asAdmin,
        payload: { name: 'Пётр Васильев', emails: ['petr@vector.ru'] },
      }),
    );
    const firm = bodyOf<Company>(
      await ctx.app.inject({
        method: 'POST',
        url: '/api/companies',
        headers: asAdmin,
        payload: { name: 'ООО Вектор', taxId: '7707083893' },
      }),
    );
    // A new inquiry from the known person would attach to the contact; this lead was entered apart.
    const leadId = await leadOwnedBy(rep, { email: 'p.vasiliev@vector.ru', phone: '+79990001122' });
    await ctx.database.db
      .update(leads)
      .set({ emails: ['petr@vector.ru', 'p.vasiliev@vector.ru'] })
      .where(eq(leads.id, leadId));
    const suggestions = bodyOf<{
      contacts: { id: string; matchedBy: string[] }[];
      companies: { id: string; matchedBy: string[] }[];
    }>(
      await ctx.app.inject({
        method: 'GET',
        url: `/api/leads/${leadId}/conversion-suggestions`,
        headers: rep.headers,
      }),
    );
    assert.deepEqual(suggestions.contacts, [
      { ...suggestions.contacts[0], id: existing.id, matchedBy: ['email'] },
    ]);
    assert.deepEqual(
      suggestions.companies.map((c) => [c.id, c.matchedBy]),
      [[firm.id, ['company']]],
    );

    const before = await count('contacts');
    const result = bodyOf<Result>(
      await convert(leadId, { contact: { attach: existing.id }, company: { attach: firm.id } }, rep.headers),
    );
    assert.deepEqual(result.created, { contact: false, company: false, deal: false });
    assert.equal(result.contact?.id, existing.id);
    assert.equal(result.company?.id, firm.id);
    assert.equal(result.lead.contactId, existing.id);
    assert.equal(await count('contacts'), before);
  });

  test('a retry with the same Idempotency-Key returns the original result; another try is a 409', async () => {
    const leadId = await leadOwnedBy(rep);
    const payload = { contact: { create: {} }, deal: { amount: '100.00' } };
    const headers = { ...rep.headers, 'idempotency-key': 'convert-1' };
    const first = await convert(leadId, payload, headers);
    assert.equal(first.statusCode, 200, first.body);
    const original = bodyOf<Result>(first);
    ctx.clock.advance(1000);

    const retry = await convert(leadId, payload, headers);
    assert.equal(retry.statusCode, 200, retry.body);
    const replay = bodyOf<Result>(retry);
    assert.equal(replay.replayed, true);
    assert.deepEqual(replay.created, original.created);
    assert.equal(replay.contact?.id, original.contact?.id);
    assert.equal(replay.deal?.id, original.deal?.id);
    assert.equal(await count('contacts'), 1);
    assert.equal(await count('deals'), 1);

    const again = await convert(leadId, payload, rep.headers);
    assert.equal(again.statusCode, 409);
    const conflict = bodyOf<Problem>(again);
    assert.equal(conflict.code, 'conflict');
    assert.equal(conflict.contactId, original.contact?.id);
    assert.equal(conflict.dealId, original.deal?.id);

    const otherBody = await convert(leadId, { deal: { amount: '1.00' } }, headers);
    assert.equal(otherBody.statusCode, 422);
    assert.equal(bodyOf<Problem>(otherBody).code, 'idempotency_key_reused');
  });

  test('an unknown existing company rolls back the new contact: nothing is created', async () => {
    const leadId = await leadOwnedBy(rep);
    const [contactsBefore, profilesBefore] = [await count('contacts'), await count('match_profiles')];
    const response = await convert(
      leadId,
      { contact: { create: {} }, company: { attach: randomUUID() } },
      rep.headers,
    );
    assert.equal(response.statusCode, 422, response.body);
    assert.deepEqual(
      bodyOf<Problem>(response).invalid_params?.map((p) => p.name),
      ['company.attach'],
    );
    assert.equal(await count('contacts'), contactsBefore);
    assert.equal(await count('match_profiles'), profilesBefore);
    const lead = await detail(leadId);
    assert.equal(lead.convertedAt, null);
    assert.equal(lead.contactId, null);
    assert.ok(!lead.timeline.some((e) => e.type === 'converted'));
  });

  test('a deal that cannot be opened rolls back the contact and company created before it', async () => {
    const leadId = await leadOwnedBy(rep);
    const response = await convert(
      leadId,
      { contact: { create: {} }, company: { create: {} }, deal: { stage: 'signed' } },
      rep.headers,
    );
    assert.equal(response.statusCode, 422, response.body);
    assert.deepEqual(
      bodyOf<Problem>(response).invalid_params?.map((p) => p.name),
      ['deal.stage'],
    );
    assert.deepEqual([await count('contacts'), await count('companies'), await count('deals')], [0, 0, 0]);
  });

  test('rejects an invalid INN on the new company with 422 naming the field', async () => {
    const leadId = await leadOwnedBy(rep);
    const response = await convert(
      leadId,
      { company: { create: { taxId: '7707083894', registrationNumber: '1027700132195' } } },
      rep.headers,
    );
    assert.equal(response.statusCode, 422);
    assert.deepEqual(
      bodyOf<Problem>(response).invalid_params?.map((p) => p.name),
      ['company.create.taxId'],
    );
  });

  test("only the lead's owner, a head or an admin may convert", async () => {
    const leadId = await leadOwnedBy(rep);
    const denied = await convert(leadId, { contact: { create: {} } }, otherRep.headers);
    assert.equal(denied.statusCode, 403);
    assert.equal(bodyOf<Problem>(denied).code, 'forbidden');
    assert.equal(await count('contacts'), 0);
    const marketer = await createTestUser(ctx, 'marketer');
    assert.equal((await convert(leadId, { deal: {} }, marketer.headers)).statusCode, 403);

    const allowed = await convert(leadId, { contact: { create: {} } }, head.headers);
    assert.equal(allowed.statusCode, 200, allowed.body);
    assert.equal(bodyOf<Result>(allowed).contact?.ownerId, rep.id, 'still owned by the lead owner');
  });

  test('asks for at least one target, and 404s an unknown lead', async () => {
    const leadId = await leadOwnedBy(rep);
    assert.equal((await convert(leadId, {})).statusCode, 422);
    assert.equal((await convert(randomUUID(), { deal: {} })).statusCode, 404);
  });
});

describe('company and contact cards', () => {
  test('a company is created with checked registry codes, found by its INN and corrected by PATCH', async () => {
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/api/companies',
      headers: rep.headers,
      payload: {
        name: 'Рога и копыта',
        taxId: '123',
        kpp: '77A601001',
        okpo: '00032538',
        registrationNumber: '1',
      },
    });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bodyOf<Problem>(bad).invalid_params?.map((p) => p.name),
      ['taxId', 'kpp', 'okpo', 'registrationNumber'],
    );

    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/companies',
      headers: rep.headers,
      payload: {
        name: 'ПАО Сбербанк',
        taxId: '7707083893',
        kpp: '773601001',
        okpo: '00032537',
        registrationNumber: '1027700132195',
        legalAddress: { city: 'Москва', line1: 'ул. Вавилова, 19' },
        phones: ['8 495 500-55-50'],
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const company = bodyOf<Company & { phones: string[]; legalAddress: { city: string } }>(created);
    assert.equal(company.ownerId, rep.id, 'the creator owns a new company by default');
    assert.deepEqual(company.phones, ['+74955005550']);
    assert.equal(company.legalAddress.city, 'Москва');

    const found = bodyOf<{ items: Company[] }>(
      await ctx.app.inject({ method: 'GET', url: '/api/companies?q=7707083893', headers: asAdmin }),
    );
    assert.deepEqual(
      found.items.map((c) => c.id),
      [company.id],
    );

    const patched = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/companies/${company.id}`,
      headers: rep.headers,
      payload: { kpp: null, name: 'Сбербанк' },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.deepEqual(
      [bodyOf<Company>(patched).kpp, bodyOf<Company>(patched).name, bodyOf<Company>(patched).taxId],
      [null, 'Сбербанк', '7707083893'],
    );
    const denied = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/companies/${company.id}`,
      headers: otherRep.headers,
      payload: { name: 'Mine now' },
    });
    assert.equal(denied.statusCode, 403);
  });

  test('PATCH /api/contacts/{id} corrects a contact and re-indexes it for matching', async () => {
    const contact = bodyOf<Contact>(
      await ctx.app.inject({
        method: 'POST',
        url: '/api/contacts',
        headers: asAdmin,
        payload: { name: 'Анна Белова', phones: ['+79031112233'], ownerId: rep.id },
      }),
    );
    const response = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/contacts/${contact.id}`,
      headers: rep.headers,
      payload: { emails: ['Anna@Belova.ru'], consent: { given: false } },
    });
    assert.equal(response.statusCode, 200, response.body);
    const patched = bodyOf<Contact>(response);
    assert.deepEqual(patched.emails, ['anna@belova.ru']);
    assert.deepEqual(patched.phones, ['+79031112233']);
    assert.deepEqual(patched.consent, { given: false });
    const attached = bodyOf<{ outcome: string; attachedTo?: { id: string } }>(
      await capture(ctx, { name: 'Анна Белова', email: 'anna@belova.ru' }),
    );
    assert.equal(attached.attachedTo?.id, contact.id);
    const invalid = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/contacts/${contact.id}`,
      headers: rep.headers,
      payload: { emails: ['not an email'] },
    });
    assert.equal(invalid.statusCode, 422);
    assert.deepEqual(
      bodyOf<Problem>(invalid).invalid_params?.map((p) => p.name),
      ['emails.0'],
    );
    const denied = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/contacts/${contact.id}`,
      headers: otherRep.headers,
      payload: { position: 'CEO' },
    });
    assert.equal(denied.statusCode, 403);
  });
});
