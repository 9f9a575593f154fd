import { createHash } from 'node:crypto';
import type { MatcherConfig } from '../domain/dedup/index.ts';
import { canConvertLead, type Principal } from '../domain/permissions.ts';
import type { ConversionBody, ConversionSuggestions } from '../schemas/conversion.ts';
import { findCompanyById } from '../store/companies.ts';
import { findContactById, updateContact } from '../store/contacts.ts';
import { findCompanySuggestions, findContactSuggestions } from '../store/conversion.ts';
import type { Database, Executor } from '../store/db.ts';
import { type LeadRow, lockLeadById, updateLead } from '../store/leads.ts';
import { findLatestTimelineEvent, insertTimelineEvents } from '../store/timeline.ts';
import { insertCompanyCard, prepareCompanyFields } from './companies.ts';
import { insertContactCard, prepareContact } from './contacts.ts';
import { insertDealCard, NotAllowed, setLeadLifecycle } from './deals.ts';
import { InvalidLeadChange, LeadNotFound } from './leads.ts';

/** The lead was converted before (by another request): names what that conversion produced. */
export class AlreadyConverted extends Error {
  constructor(readonly links: { contactId: string | null; companyId: string | null; dealId: string | null }) {
    super('the lead was already converted');
  }
}
export class ConversionConflict extends Error {}
export class IdempotencyKeyReused extends Error {}

export type ConversionOutcome = {
  leadId: string;
  contactId: string | null;
  companyId: string | null;
  dealId: string | null;
  created: { contact: boolean; company: boolean; deal: boolean };
  replayed: boolean;
};

const requestHashOf = (body: ConversionBody) =>
  createHash('sha256').update(JSON.stringify(body)).digest('hex');

const unknownCard = (field: string, what: string) =>
  new InvalidLeadChange([{ field, code: `unknown_${what}`, message: `no such ${what}` }]);

/** A retry of the conversion that used this key returns its result; any other try is a conflict. */
async function replayOrConflict(
  ex: Executor,
  lead: LeadRow,
  key: string | undefined,
  hash: string,
): Promise<ConversionOutcome> {
  const event = await findLatestTimelineEvent(ex, lead.id, 'converted');
  const links = { contactId: lead.contactId, companyId: lead.companyId, dealId: lead.dealId };
  if (!key || !event || event.data.idempotencyKey !== key) throw new AlreadyConverted(links);
  if (event.data.requestHash !== hash) throw new IdempotencyKeyReused(key);
  const created = event.data.created as ConversionOutcome['created'];
  return {
    leadId: lead.id,
    contactId: (event.data.contactId as string | null) ?? null,
    companyId: (event.data.companyId as string | null) ?? null,
    dealId: (event.data.dealId as string | null) ?? null,
    created,
    replayed: true,
  };
}

/**
 * Converts a lead into a contact, a company and/or a deal, new or existing, in one transaction:
 * anything invalid midway (an unknown card, a bad registry code, an unknown stage) undoes it all.
 * The lead stays, linked both ways, with status 'converted', lifecycle 'sql' ('customer' when the
 * deal is won at once) and the history of it on its timeline.
 */
export async function convertLead(
  database: Database,
  input: {
    leadId: string;
    body: ConversionBody;
    principal: Principal;
    actor: string;
    at: Date;
    idempotencyKey?: string;
    defaultRegion: string;
    defaultCurrency: string;
    matcher: MatcherConfig;
  },
): Promise<ConversionOutcome> {
  const { body, actor, at } = input;
  const hash = requestHashOf(body);
  return database.db.transaction(async (tx) => {
    const lead = await lockLeadById(tx, input.leadId);
    if (!lead) throw new LeadNotFound(input.leadId);
    if (!canConvertLead(input.principal, lead))
      throw new NotAllowed("Only the lead's owner, a sales head or an admin may convert this lead.");
    if (lead.mergedIntoId)
      throw new ConversionConflict(`lead ${lead.id} was merged into ${lead.mergedIntoId}`);
    if (lead.convertedAt) return replayOrConflict(tx, lead, input.idempotencyKey, hash);

    // The contact first, then the company: a bad company rolls the new contact back with it.
    let contactId: string | null = null;
    let newContact = false;
    if (body.contact && 'attach' in body.contact) {
      const existing = await findContactById(tx, body.contact.attach);
      if (!existing) throw unknownCard('contact.attach', 'contact');
      contactId = existing.id;
    } else if (body.contact) {
      const o = body.contact.create;
      const ownName = o.name !== undefined || o.firstName || o.lastName || o.middleName;
      const prepared = await prepareContact(
        tx,
        {
          ...(ownName
            ? { name: o.name, firstName: o.firstName, lastName: o.lastName, middleName: o.middleName }
            : {
                firstName: lead.firstName ?? undefined,
                lastName: lead.lastName ?? undefined,
                middleName: lead.middleName ?? undefined,
              }),
          emails: o.emails ?? lead.emails,
          phones: o.phones ?? lead.phones,
          companyName: o.companyName ?? lead.company ?? undefined,
          position: o.position ?? lead.position ?? undefined,
          ...((o.address ?? lead.address) ? { address: o.address ?? lead.address ?? undefined } : {}),
          custom: o.custom ?? {},
          ...(lead.consent ? { consent: lead.consent } : {}),
          ...((o.ownerId ?? lead.ownerId) ? { ownerId: o.ownerId ?? lead.ownerId ?? undefined } : {}),
        },
        { defaultRegion: input.defaultRegion, prefix: 'contact.create.' },
      );
      const contact = await insertContactCard(tx, {
        contact: prepared,
        sourceLeadId: lead.id,
        actor,
        at,
        matcher: input.matcher,
      });
      contactId = contact.id;
      newContact = true;
    }

    let companyId: string | null = null;
    let newCompany = false;
    if (body.company && 'attach' in body.company) {
      const existing = await findCompanyById(tx, body.company.attach);
      if (!existing) throw unknownCard('company.attach', 'company');
      companyId = existing.id;
    } else if (body.company) {
      const o = body.company.create;
      const fields = await prepareCompanyFields(
        tx,
        { ...o, name: o.name ?? lead.company ?? undefined },
        { defaultRegion: input.defaultRegion, prefix: 'company.create.', requireName: true },
      );
      const company = await insertCompanyCard(tx, {
        fields: { ownerId: lead.ownerId, ...fields, name: fields.name ?? '' },
        sourceLeadId: lead.id,
        at,
      });
      companyId = company.id;
      newCompany = true;
    }
    if (newContact && contactId && companyId)
      await updateContact(tx, contactId, { companyId, updatedAt: at });

    const deal = body.deal
      ? await insertDealCard(tx, {
          deal: body.deal,
          lead,
          contactId,
          companyId,
          defaultCurrency: input.defaultCurrency,
          at,
          prefix: 'deal.',
        })
      : undefined;

    const created = { contact: newContact, company: newCompany, deal: deal !== undefined };
    const dealId = deal?.id ?? null;
    await updateLead(tx, lead.id, {
      status: 'converted',
      statusReason: null,
      convertedAt: at,
      contactId,
      companyId,
      dealId,
      updatedAt: at,
    });
    await insertTimelineEvents(tx, [
      { leadId: lead.id, at, actor, type: 'status_changed', data: { from: lead.status, to: 'converted' } },
    ]);
    // Lifecycle: a won deal makes a customer; otherwise conversion means sales-qualified.
    const lifecycle = deal?.status === 'won' || lead.lifecycleStage === 'customer' ? 'customer' : 'sql';
    await setLeadLifecycle(tx, lead, { to: lifecycle, actor, at, data: { reason: 'converted' } });
    await insertTimelineEvents(tx, [
      {
        leadId: lead.id,
        at,
        actor,
        type: 'converted',
        data: {
          contactId,
          companyId,
          dealId,
          created,
          ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
          requestHash: hash,
        },
      },
      ...(contactId && !newContact
        ? [{ contactId, at, actor, type: 'lead_converted', data: { leadId: lead.id } }]
        : []),
    ]);
    return { leadId: lead.id, contactId, companyId, dealId, created, replayed: false };
  });
}

/** A tax id a form may have sent among the extra fields (the lead card has no column for it). */
function taxIdOfLead(lead: LeadRow): string | null {
  for (const key of ['taxId', 'tax_id', 'inn', 'INN']) {
    const value = lead.custom[key];
    if (typeof value === 'string' && /^\d{10}(\d{2})?$/.test(value.replace(/\s/g, '')))
      return value.replace(/\s/g, '');
  }
  return null;
}

const sameText = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && (a.toLowerCase().includes(b.toLowerCase()) || b.toLowerCase().includes(a.toLowerCase()));

/** Existing contacts and companies this lead may belong to, each with what matched. */
export async function conversionSuggestions(ex: Executor, lead: LeadRow): Promise<ConversionSuggestions> {
  const taxId = taxIdOfLead(lead);
  const [contactRows, companyRows] = await Promise.all([
    findContactSuggestions(ex, lead),
    findCompanySuggestions(ex, { ...lead, taxId }),
  ]);
  const shared = (mine: string[], theirs: string[]) => mine.some((v) => theirs.includes(v));
  type Match = 'email' | 'phone' | 'company' | 'tax_id';
  const contacts = contactRows.flatMap((c) => {
    const matchedBy: Match[] = [];
    if (shared(lead.emails, c.emails)) matchedBy.push('email');
    if (shared(lead.phones, c.phones)) matchedBy.push('phone');
    if (sameText(lead.company, c.company_name)) matchedBy.push('company');
    return matchedBy.length === 0
      ? []
      : [
          {
            id: c.id,
            fullName: c.full_name,
            emails: c.emails,
            phones: c.phones,
            companyId: c.company_id,
            companyName: c.company_name,
            ownerId: c.owner_id,
            matchedBy,
          },
        ];
  });
  const companies = companyRows.flatMap((c) => {
    const matchedBy: Match[] = [];
    if (shared(lead.emails, c.emails)) matchedBy.push('email');
    if (shared(lead.phones, c.phones)) matchedBy.push('phone');
    if (sameText(lead.company, c.name)) matchedBy.push('company');
    if (taxId && c.tax_id === taxId) matchedBy.push('tax_id');
    return matchedBy.length === 0
      ? []
      : [
          {
            id: c.id,
            name: c.name,
            taxId: c.tax_id,
            emails: c.emails,
            phones: c.phones,
            ownerId: c.owner_id,
            matchedBy,
          },
        ];
  });
  return { contacts, companies };
}
