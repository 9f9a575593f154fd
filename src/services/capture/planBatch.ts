import { v7 as uuidv7 } from 'uuid';
import { type Condition, evaluateCondition } from '../../domain/conditions.ts';
import {
  type DuplicateCandidate,
  type DuplicateDecision,
  findDuplicateDecision,
  type MatcherConfig,
  type ReviewPair,
} from '../../domain/dedup/index.ts';
import { type ResolvedSource, resolveSource } from '../../domain/intake/attribution.ts';
import { detectSpamSignals, type SpamRules } from '../../domain/intake/detectSpamSignals.ts';
import { searchTextOf } from '../../domain/intake/searchText.ts';
import { storableJson } from '../../domain/normalize/text.ts';
import type { CardRef, LeadProblem, SpamSignal } from '../../domain/types.ts';
import {
  type CaptureContext,
  type CaptureWrites,
  type EarlierInquiry,
  emptyCaptureWrites,
} from '../../store/captureBatch.ts';
import type { NewInquiryRow } from '../../store/inquiries.ts';
import type { LeadRow } from '../../store/leads.ts';
import type { PreparedCapture } from './prepare.ts';
import type { CaptureResult, OriginalOutcome } from './types.ts';

export type PlanOptions = { matcher: MatcherConfig; spam: SpamRules };

type ValidCapture = Extract<PreparedCapture, { valid: true }>;
type Created = Extract<CaptureResult, { outcome: 'created' }>;
/** Results before the write: a created lead is attached to its result afterwards. */
export type PlannedResult = Exclude<CaptureResult, Created> | Omit<Created, 'lead'>;

/** A profile a decision can match: from the database, or created earlier in this batch. */
type PoolEntry = DuplicateCandidate & {
  profileId: string;
  ownerId: string | null;
  emails: string[];
  phones: string[];
};

const KEY_REUSED = {
  field: 'Idempotency-Key',
  code: 'idempotency_key_reused',
  message: 'this key was already used for a different request',
};

function replayOf(row: EarlierInquiry): CaptureResult {
  const card: CardRef | null = row.contactId
    ? { type: 'contact', id: row.contactId }
    : row.leadId
      ? { type: 'lead', id: row.leadId }
      : null;
  return {
    outcome: 'replayed',
    inquiryId: row.id,
    original: row.outcome as OriginalOutcome,
    leadId: row.leadId,
    card,
    problems: row.problems,
  };
}

function inquiryBase(item: PreparedCapture): Omit<NewInquiryRow, 'outcome'> & { id: string } {
  const r = item.request;
  return {
    id: uuidv7(),
    receivedAt: r.receivedAt,
    idempotencyKey: item.idempotencyKey ?? null,
    externalKey: item.externalKey ?? null,
    externalId: item.externalId ?? null,
    payloadHash: item.payloadHash,
    contentType: r.contentType,
    rawBody: r.rawBody === null ? null : (storableJson(r.rawBody) as string),
    ip: r.ip ?? null,
    userAgent: r.userAgent ?? null,
    email: item.email ?? null,
    phone: item.phone ?? null,
    actor: r.actor,
    channelId: null,
    campaignId: null,
    leadId: null,
    contactId: null,
    problems: [],
    spamSignals: [],
  };
}

/**
 * A bought lead failing its buyer's filters (region, age, contacts required…) is kept but invalid:
 * not paid for, and out of the CPL-model spend. One problem per failing filter.
 */
function buyerFilterProblems(filters: Condition[], lead: LeadRow): LeadProblem[] {
  return filters
    .filter((filter) => !evaluateCondition(filter, lead))
    .map((filter) => ({
      field: filter.field,
      code: 'buyer_filter',
      message: `does not meet the buyer filter ${filter.field} ${filter.op}${
        filter.value === undefined ? '' : ` ${JSON.stringify(filter.value)}`
      }`,
    }));
}

const cardColumns = (card: CardRef) => ({
  leadId: card.type === 'lead' ? card.id : null,
  contactId: card.type === 'contact' ? card.id : null,
});

/**
 * Decides a batch of prepared inquiries against what the database knows (no I/O): replays retries,
 * flags spam, resolves sources, finds duplicates, and lists every row to write. Items are decided
 * in arrival order, each seeing the ones before it, so a batch behaves exactly like the same
 * inquiries captured one by one.
 */
export function planCaptureBatch(
  items: PreparedCapture[],
  context: CaptureContext,
  options: PlanOptions,
): { writes: CaptureWrites; results: PlannedResult[]; newLeads: Map<string, LeadRow> } {
  const byIdempotencyKey = new Map<string, EarlierInquiry>();
  const byExternalKey = new Map<string, EarlierInquiry>();
  for (const row of context.earlier) {
    if (row.idempotencyKey) byIdempotencyKey.set(row.idempotencyKey, row);
    if (row.externalKey) byExternalKey.set(row.externalKey, row);
  }
  const remember = (item: PreparedCapture, written: EarlierInquiry) => {
    if (item.idempotencyKey) byIdempotencyKey.set(item.idempotencyKey, written);
    if (item.externalKey) byExternalKey.set(item.externalKey, written);
  };
  const written = (
    item: PreparedCapture,
    id: string,
    outcome: OriginalOutcome,
    card: CardRef | null,
  ): EarlierInquiry => ({
    id,
    idempotencyKey: item.idempotencyKey ?? null,
    externalKey: item.externalKey ?? null,
    outcome,
    leadId: card?.type === 'lead' ? card.id : null,
    contactId: card?.type === 'contact' ? card.id : null,
    problems: item.valid ? [] : item.problems,
    payloadHash: item.payloadHash,
  });

  const campaignChannel = new Map(context.known.map((k) => [k.campaignId ?? '', k.campaignChannelId]));
  const campaignFilters = new Map(context.known.map((k) => [k.campaignId ?? '', k.campaignLeadFilters]));
  const candidatesByLookup = new Map<number, PoolEntry[]>();
  for (const candidate of context.candidates) {
    const list = candidatesByLookup.get(candidate.lookup) ?? [];
    list.push(candidate);
    candidatesByLookup.set(candidate.lookup, list);
  }
  const recentByIp = new Map(context.recentByIp);
  const recentByContact = new Map(context.recentByContact);
  // What this batch creates, visible to the items after it.
  const batchProfilesByKey = new Map<string, PoolEntry[]>();
  const newLeads = new Map<string, LeadRow>();
  /** Contacts each known card has, and what this batch adds to it. */
  const cardContacts = new Map<
    string,
    { card: CardRef; emails: Set<string>; phones: Set<string>; added: { emails: string[]; phones: string[] } }
  >();

  const writes = emptyCaptureWrites();
  const results: PlannedResult[] = [];
  const filedPairs = new Set<string>();

  function spamSignalsOf(item: ValidCapture): SpamSignal[] {
    const { capture, request } = item;
    const countsIp = Boolean(request.ip && !request.bulkSender);
    const ipCount = countsIp ? (recentByIp.get(request.ip as string) ?? 0) : 0;
    const floodKeys = [
      ...(item.email ? [`e:${item.email}`] : []),
      ...(item.phone ? [`p:${item.phone}`] : []),
    ];
    const contactCount = Math.max(0, ...floodKeys.map((k) => recentByContact.get(k) ?? 0));
    if (countsIp) recentByIp.set(request.ip as string, ipCount + 1);
    for (const key of floodKeys) recentByContact.set(key, (recentByContact.get(key) ?? 0) + 1);
    return detectSpamSignals(
      {
        ...(capture.honeypot ? { honeypot: capture.honeypot } : {}),
        ...(capture.formShownAt ? { formShownAt: capture.formShownAt } : {}),
        receivedAt: request.receivedAt,
        emailDisposable: capture.emailDisposable,
        recentFromIp: ipCount,
        recentFromContact: contactCount,
      },
      options.spam,
    );
  }

  function candidatePool(item: ValidCapture, index: number): PoolEntry[] {
    const pool = [...(candidatesByLookup.get(index) ?? [])];
    const seen = new Set(pool.map((p) => p.profileId));
    for (const key of item.matchKeys) {
      for (const p of batchProfilesByKey.get(key) ?? []) {
        if (!seen.has(p.profileId)) pool.push(p);
        seen.add(p.profileId);
      }
    }
    return pool;
  }

  function indexProfile(item: ValidCapture, entry: Omit<PoolEntry, 'fields'>): void {
    writes.profiles.push({
      id: entry.profileId,
      card: entry.card,
      fields: item.matchFields,
      keys: item.matchKeys,
    });
    for (const key of item.matchKeys) {
      const list = batchProfilesByKey.get(key) ?? [];
      list.push({ ...entry, fields: item.matchFields });
      batchProfilesByKey.set(key, list);
    }
  }

  /** A repeat touch may bring a new phone or email: the card learns it. */
  function learnContacts(item: ValidCapture, card: CardRef, match: PoolEntry | undefined) {
    const newLead = card.type === 'lead' ? newLeads.get(card.id) : undefined;
    const known = cardContacts.get(card.id) ?? {
      card,
      emails: new Set(newLead?.emails ?? match?.emails ?? []),
      phones: new Set(newLead?.phones ?? match?.phones ?? []),
      added: { emails: [], phones: [] },
    };
    cardContacts.set(card.id, known);
    const added = {
      emails: item.capture.person.emails.filter((e) => !known.emails.has(e)),
      phones: item.capture.person.phones.filter((p) => !known.phones.has(p)),
    };
    for (const e of added.emails) known.emails.add(e);
    for (const p of added.phones) known.phones.add(p);
    if (newLead) {
      // Created earlier in this batch: the row is not written yet, so it takes them directly.
      newLead.emails = [...known.emails];
      newLead.phones = [...known.phones];
      newLead.searchText = searchTextOf(newLead);
    } else {
      known.added.emails.push(...added.emails);
      known.added.phones.push(...added.phones);
    }
    return added;
  }

  /**
   * An inquiry that attaches to one card while another also scores high says the two cards may be
   * one person: the pair goes to review (contact–contact pairs are for a later clean-up, not here).
   */
  function fileAttachReviews(card: CardRef, reviews: ReviewPair[], at: Date): void {
    for (const review of reviews) {
      if (review.card.id === card.id) continue;
      const [lead, other] = card.type === 'lead' ? [card, review.card] : [review.card, card];
      if (lead.type !== 'lead') continue;
      const pairKey = [lead.id, other.id].sort().join('|');
      if (filedPairs.has(pairKey)) continue;
      filedPairs.add(pairKey);
      writes.reviews.push({
        leadId: lead.id,
        status: 'open',
        candidateLeadId: other.type === 'lead' ? other.id : null,
        candidateContactId: other.type === 'contact' ? other.id : null,
        score: review.score,
        breakdown: review.breakdown,
        createdAt: at,
      });
    }
  }

  function planAttach(
    item: ValidCapture,
    inquiry: ReturnType<typeof inquiryBase>,
    decision: Extract<DuplicateDecision, { decision: 'attach' }>,
    pool: PoolEntry[],
    source: ResolvedSource,
    spamSignals: SpamSignal[],
  ): void {
    const { card } = decision;
    const { capture, request } = item;
    const match = pool.find((p) => p.card.id === card.id);
    writes.inquiries.push({
      ...inquiry,
      ...cardColumns(card),
      outcome: 'attached',
      channelId: source.channelId,
      campaignId: source.campaignId,
      spamSignals,
    });
    remember(item, written(item, inquiry.id, 'attached', card));
    // Spam attached to a known card is recorded, but neither teaches the card nor disturbs its owner.
    const added = spamSignals.length === 0 ? learnContacts(item, card, match) : { emails: [], phones: [] };
    if (spamSignals.length === 0) {
      writes.notifications.push({
        recipientId: match?.ownerId ?? null,
        type: 'repeat_inquiry',
        ...cardColumns(card),
        data: {
          inquiryId: inquiry.id,
          name: capture.fullName,
          channelId: source.channelId,
          campaignId: source.campaignId,
        },
        createdAt: request.receivedAt,
        // The owner also hears of it by email (see jobs/emailCaptureNotices.ts).
        emailPending: Boolean(match?.ownerId),
      });
    }
    writes.timeline.push({
      ...cardColumns(card),
      at: request.receivedAt,
      actor: request.actor,
      type: 'inquiry_attached',
      data: {
        inquiryId: inquiry.id,
        score: decision.score,
        breakdown: decision.breakdown,
        ...(added.emails.length + added.phones.length > 0 ? { added } : {}),
        ...(spamSignals.length > 0 ? { spamSignals } : {}),
        channelId: source.channelId,
        campaignId: source.campaignId,
      },
    });
    fileAttachReviews(card, decision.reviews, request.receivedAt);
    indexProfile(item, {
      profileId: inquiry.id,
      card,
      ownerId: match?.ownerId ?? null,
      emails: [...(match?.emails ?? []), ...added.emails],
      phones: [...(match?.phones ?? []), ...added.phones],
    });
    results.push({ outcome: 'attached', inquiryId: inquiry.id, card });
  }

  function planNewLead(
    item: ValidCapture,
    inquiry: ReturnType<typeof inquiryBase>,
    decision: DuplicateDecision,
    source: ResolvedSource,
    spamSignals: SpamSignal[],
  ): void {
    const { capture, request } = item;
    const person = capture.person;
    const leadId = uuidv7();
    const lead: LeadRow = {
      id: leadId,
      kind: item.classification.kind,
      status: 'new',
      firstName: person.firstName ?? null,
      lastName: person.lastName ?? null,
      middleName: person.middleName ?? null,
      fullName: capture.fullName,
      emails: person.emails,
      phones: person.phones,
      company: person.company ?? null,
      position: person.position ?? null,
      interest: capture.interest ?? null,
      address: person.address ?? null,
      custom: storableJson(person.custom) as Record<string, unknown>,
      valid: item.classification.valid,
      problems: item.classification.problems,
      spam: spamSignals.length > 0,
      spamSignals,
      channelId: source.channelId,
      campaignId: source.campaignId,
      attribution: {
        ...capture.attribution,
        ...(source.resolvedBy ? { resolvedBy: source.resolvedBy } : {}),
      },
      consent: capture.consent ?? null,
      ownerId: null,
      teamId: null,
      assignedAt: null,
      routedAt: null,
      firstResponseAt: null,
      statusReason: null,
      temperature: null,
      // Someone who left contacts starts as an IQL; a company switchboard is only an interest.
      lifecycleStage: item.classification.kind === 'interest' ? 'interest' : 'iql',
      // As the milestone trigger sets them on insert (the ranks of 'interest' and 'iql').
      peakStageRank: item.classification.kind === 'interest' ? 1 : 2,
      reachedConverted: false,
      wonRevenue: null,
      wonCurrency: null,
      bant: {},
      icpFit: null,
      score: 0,
      scoreBreakdown: [],
      language: null,
      region: null,
      visitorId: capture.attribution.visitorId ?? null,
      convertedAt: null,
      contactId: null,
      companyId: null,
      dealId: null,
      refusedAt: null,
      revisitAt: null,
      mergedIntoId: null,
      searchText: searchTextOf({
        fullName: capture.fullName,
        emails: person.emails,
        phones: person.phones,
        company: person.company ?? null,
      }),
      createdAt: request.receivedAt,
      updatedAt: request.receivedAt,
    };
    const filterProblems = buyerFilterProblems(campaignFilters.get(source.campaignId ?? '') ?? [], lead);
    if (filterProblems.length > 0) {
      lead.valid = false;
      lead.problems = [...lead.problems, ...filterProblems];
    }
    newLeads.set(leadId, lead);
    writes.leads.push(lead);
    writes.inquiries.push({
      ...inquiry,
      outcome: 'created',
      leadId,
      channelId: source.channelId,
      campaignId: source.campaignId,
      spamSignals,
    });
    remember(item, written(item, inquiry.id, 'created', { type: 'lead', id: leadId }));
    writes.timeline.push({
      ...cardColumns({ type: 'lead', id: leadId }),
      at: request.receivedAt,
      actor: request.actor,
      type: 'created',
      data: {
        inquiryId: inquiry.id,
        kind: item.classification.kind,
        channelId: source.channelId,
        campaignId: source.campaignId,
        ...(spamSignals.length > 0 ? { spamSignals } : {}),
      },
    });
    for (const review of decision.reviews) {
      writes.reviews.push({
        leadId,
        status: 'open',
        candidateLeadId: review.card.type === 'lead' ? review.card.id : null,
        candidateContactId: review.card.type === 'contact' ? review.card.id : null,
        score: review.score,
        breakdown: review.breakdown,
        createdAt: request.receivedAt,
      });
    }
    if (decision.reviews.length > 0) {
      writes.timeline.push({
        ...cardColumns({ type: 'lead', id: leadId }),
        at: request.receivedAt,
        actor: request.actor,
        type: 'duplicate_suspected',
        data: { candidates: decision.reviews.map((r) => ({ ...r.card, score: r.score })) },
      });
    }
    // The lead's own profile shares its id, so an edit of the lead can replace it.
    indexProfile(item, {
      profileId: leadId,
      card: { type: 'lead', id: leadId },
      ownerId: null,
      emails: person.emails,
      phones: person.phones,
    });
    results.push({
      outcome: 'created',
      inquiryId: inquiry.id,
      leadId,
      duplicateReviews: decision.reviews.length,
    });
  }

  items.forEach((item, index) => {
    const byHeader = item.idempotencyKey ? byIdempotencyKey.get(item.idempotencyKey) : undefined;
    if (byHeader && byHeader.payloadHash !== item.payloadHash) {
      const inquiry = { ...inquiryBase(item), idempotencyKey: null, externalKey: null };
      writes.inquiries.push({ ...inquiry, outcome: 'rejected', problems: [KEY_REUSED] });
      results.push({ outcome: 'key_reused', inquiryId: inquiry.id });
      return;
    }
    const replayed = byHeader ?? (item.externalKey ? byExternalKey.get(item.externalKey) : undefined);
    if (replayed) {
      results.push(replayOf(replayed));
      return;
    }
    const inquiry = inquiryBase(item);
    if (!item.valid) {
      writes.inquiries.push({ ...inquiry, outcome: 'rejected', problems: item.problems });
      remember(item, written(item, inquiry.id, 'rejected', null));
      results.push({ outcome: 'rejected', inquiryId: inquiry.id, problems: item.problems });
      return;
    }
    const spamSignals = spamSignalsOf(item);
    const source = resolveSource(
      item.trackingLookups,
      context.known,
      (campaignId) => campaignChannel.get(campaignId) ?? null,
      item.channelCode ? (context.channelIdByCode.get(item.channelCode) ?? null) : null,
    );
    const pool = candidatePool(item, index);
    const decision = findDuplicateDecision(item.matchFields, pool, options.matcher);
    if (decision.decision === 'attach') planAttach(item, inquiry, decision, pool, source, spamSignals);
    else planNewLead(item, inquiry, decision, source, spamSignals);
  });

  const at = items[items.length - 1]?.request.receivedAt ?? new Date(0);
  for (const { card, added } of cardContacts.values()) {
    if (added.emails.length + added.phones.length === 0) continue;
    writes.cardContacts.push({ card, ...added, searchText: searchTextOf({ fullName: '', ...added }), at });
  }
  return { writes, results, newLeads };
}
