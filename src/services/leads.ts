import { blockingKeysOf, type MatcherConfig, matchFieldsOf } from '../domain/dedup/index.ts';
import { classifyLead } from '../domain/intake/classifyLead.ts';
import { searchTextOf } from '../domain/intake/searchText.ts';
import { normalizeEmail } from '../domain/normalize/email.ts';
import { normalizePersonName } from '../domain/normalize/name.ts';
import { type NormalizedPhone, normalizePhone } from '../domain/normalize/phone.ts';
import { cleanMultilineText, cleanText, storableJson } from '../domain/normalize/text.ts';
import {
  canAssignLeads,
  canSeeLead,
  canWorkLead,
  type Principal,
  type VisibilityPolicy,
} from '../domain/permissions.ts';
import type { LeadProblem, NormalizedPerson } from '../domain/types.ts';
import type { LeadPatch } from '../schemas/lead.ts';
import type { Database, Executor } from '../store/db.ts';
import { resolveReviewsBetween, retargetReviews } from '../store/duplicates.ts';
import { moveInquiriesToLead } from '../store/inquiries.ts';
import { type LeadRow, lockLeadById, type NewLeadRow, updateLead } from '../store/leads.ts';
import { moveMatchProfilesToLead, replaceOwnProfile } from '../store/matching.ts';
import { insertTimelineEvents, moveTimelineToLead } from '../store/timeline.ts';
import { rescoreLead } from './scoring.ts';

export class LeadNotFound extends Error {}
export class InvalidLeadChange extends Error {
  constructor(readonly problems: LeadProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
  }
}
export class MergeConflict extends Error {}
/** A role rule refused the change (the lead is visible, but not the caller's to change). */
export class LeadForbidden extends Error {}

export function personOfLead(row: LeadRow): NormalizedPerson {
  return {
    ...(row.firstName ? { firstName: row.firstName } : {}),
    ...(row.lastName ? { lastName: row.lastName } : {}),
    ...(row.middleName ? { middleName: row.middleName } : {}),
    emails: row.emails,
    phones: row.phones,
    ...(row.company ? { company: row.company } : {}),
    ...(row.position ? { position: row.position } : {}),
    ...(row.address ? { address: row.address } : {}),
    custom: row.custom,
  };
}

/** Card data derived from the person: display name, kind, validity, search text, match profile. */
async function refreshDerived(
  ex: Executor,
  row: LeadRow,
  phones: NormalizedPhone[],
  matcher: MatcherConfig,
): Promise<Partial<NewLeadRow>> {
  const person = personOfLead(row);
  const fullName = [row.firstName, row.middleName, row.lastName].filter(Boolean).join(' ');
  const classification = classifyLead(person, phones);
  const fields = matchFieldsOf(person);
  await replaceOwnProfile(ex, {
    id: row.id,
    card: { type: 'lead', id: row.id },
    fields,
    keys: blockingKeysOf(fields, matcher),
  });
  return {
    fullName,
    kind: classification.kind,
    valid: classification.valid,
    problems: classification.problems,
    searchText: searchTextOf({ fullName, emails: row.emails, phones: row.phones, company: row.company }),
  };
}

function normalizeContacts(patch: LeadPatch, current: LeadRow, defaultRegion: string) {
  const problems: LeadProblem[] = [];
  const emails =
    patch.emails?.flatMap((raw, index) => {
      const result = normalizeEmail(raw);
      if (result.ok) return [result.email];
      problems.push({ field: `emails.${index}`, code: result.code, message: result.message });
      return [];
    }) ?? current.emails;
  const phoneDetails = (patch.phones ?? current.phones).flatMap((raw, index) => {
    const result = normalizePhone(raw, defaultRegion);
    if (result.ok) return [result];
    if (patch.phones) problems.push({ field: `phones.${index}`, code: result.code, message: result.message });
    return [];
  });
  if (problems.length > 0) throw new InvalidLeadChange(problems);
  return { emails: [...new Set(emails)], phoneDetails };
}

const TEXT_FIELDS = ['company', 'position'] as const;

/** Applies a hand edit: normalizes what changed, records each change on the timeline. */
export async function updateLeadFields(
  database: Database,
  input: {
    id: string;
    patch: LeadPatch;
    actor: string;
    /** Who edits, checked against the role rules under the row lock. */
    principal: Principal;
    policy: VisibilityPolicy;
    at: Date;
    defaultRegion: string;
    matcher: MatcherConfig;
  },
): Promise<LeadRow> {
  return database.db.transaction(async (tx) => {
    const current = await lockLeadById(tx, input.id);
    if (!current || !canSeeLead(input.principal, current, input.policy)) throw new LeadNotFound(input.id);
    const { patch } = input;
    if (!canWorkLead(input.principal, current)) {
      throw new LeadForbidden("Only the lead's owner, a sales head or an admin may change this lead.");
    }
    if (
      patch.ownerId !== undefined &&
      patch.ownerId !== current.ownerId &&
      !canAssignLeads(input.principal)
    ) {
      throw new LeadForbidden('Only sales heads and admins assign leads to owners.');
    }
    const { emails, phoneDetails } = normalizeContacts(patch, current, input.defaultRegion);
    const name =
      patch.firstName !== undefined || patch.lastName !== undefined || patch.middleName !== undefined
        ? normalizePersonName({
            firstName: patch.firstName === undefined ? current.firstName : patch.firstName,
            lastName: patch.lastName === undefined ? current.lastName : patch.lastName,
            middleName: patch.middleName === undefined ? current.middleName : patch.middleName,
          })
        : undefined;
    const next: LeadRow = {
      ...current,
      ...(name
        ? {
            firstName: name.firstName ?? null,
            lastName: name.lastName ?? null,
            middleName: name.middleName ?? null,
          }
        : {}),
      emails,
      phones: phoneDetails.map((p) => p.e164),
      ...Object.fromEntries(
        TEXT_FIELDS.filter((f) => patch[f] !== undefined).map((f) => [f, cleanText(patch[f]) ?? null]),
      ),
      ...(patch.interest !== undefined ? { interest: cleanMultilineText(patch.interest) ?? null } : {}),
      ...(patch.address !== undefined ? { address: patch.address } : {}),
      ...(patch.custom !== undefined
        ? { custom: storableJson(patch.custom) as Record<string, unknown> }
        : {}),
      ...(patch.spam !== undefined ? { spam: patch.spam } : {}),
      ...(patch.channelId !== undefined ? { channelId: patch.channelId } : {}),
      ...(patch.campaignId !== undefined ? { campaignId: patch.campaignId } : {}),
      ...(patch.consent !== undefined ? { consent: patch.consent } : {}),
      ...(patch.ownerId !== undefined ? { ownerId: patch.ownerId } : {}),
    };
    const derived = await refreshDerived(tx, next, phoneDetails, input.matcher);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const updated = { ...next, ...derived } as LeadRow;
    for (const key of Object.keys(updated) as (keyof LeadRow)[]) {
      if (key === 'updatedAt' || key === 'searchText') continue;
      if (JSON.stringify(current[key]) !== JSON.stringify(updated[key])) {
        changes[key] = { from: current[key], to: updated[key] };
      }
    }
    if (Object.keys(changes).length === 0) return current;
    const { id: _id, createdAt: _createdAt, ...columns } = updated;
    const saved = await updateLead(tx, input.id, { ...columns, updatedAt: input.at });
    await insertTimelineEvents(tx, [
      { leadId: input.id, at: input.at, actor: input.actor, type: 'updated', data: { changes } },
      ...(changes.ownerId
        ? [
            {
              leadId: input.id,
              at: input.at,
              actor: input.actor,
              type: 'owner_changed',
              data: changes.ownerId,
            },
          ]
        : []),
    ]);
    // Fit rules read lead fields: the score follows every edit.
    return (await rescoreLead(tx, { leadId: input.id, at: input.at })) ?? (saved as LeadRow);
  });
}

const MERGE_SCALARS = [
  'firstName',
  'lastName',
  'middleName',
  'company',
  'position',
  'interest',
  'address',
] as const;
type MergeField = (typeof MERGE_SCALARS)[number];

/**
 * Merges `sourceId` into `targetId`: the target keeps its values (or the source's where asked),
 * fills gaps from the source, and takes over every inquiry, history entry and match profile. The
 * source stays as a pointer (merged_into_id), so links to it still resolve.
 */
export async function mergeLeads(
  database: Database,
  input: {
    targetId: string;
    sourceId: string;
    prefer?: Partial<Record<MergeField, 'target' | 'source'>>;
    actor: string;
    at: Date;
    defaultRegion: string;
    matcher: MatcherConfig;
  },
): Promise<LeadRow> {
  if (input.targetId === input.sourceId) throw new MergeConflict('a lead cannot be merged into itself');
  return database.db.transaction(async (tx) => {
    // Lock in id order so two opposite merges cannot deadlock.
    const [firstId, secondId] = [input.targetId, input.sourceId].sort() as [string, string];
    const first = await lockLeadById(tx, firstId);
    const second = await lockLeadById(tx, secondId);
    const target = first?.id === input.targetId ? first : second;
    const source = first?.id === input.sourceId ? first : second;
    if (!target) throw new LeadNotFound(input.targetId);
    if (!source) throw new LeadNotFound(input.sourceId);
    if (target.mergedIntoId)
      throw new MergeConflict(`lead ${target.id} was already merged into ${target.mergedIntoId}`);
    if (source.mergedIntoId)
      throw new MergeConflict(`lead ${source.id} was already merged into ${source.mergedIntoId}`);

    const merged: LeadRow = { ...target };
    const taken: string[] = [];
    for (const field of MERGE_SCALARS) {
      const useSource = input.prefer?.[field] === 'source' ? source[field] !== null : target[field] === null;
      if (useSource && source[field] !== null) {
        (merged as Record<MergeField, unknown>)[field] = source[field];
        taken.push(field);
      }
    }
    merged.emails = [...new Set([...target.emails, ...source.emails])];
    merged.phones = [...new Set([...target.phones, ...source.phones])];
    merged.custom = { ...source.custom, ...target.custom };
    merged.consent = target.consent ?? source.consent;
    merged.ownerId = target.ownerId ?? source.ownerId;
    merged.channelId = target.channelId ?? source.channelId;
    merged.campaignId = target.campaignId ?? source.campaignId;

    const phones = merged.phones.flatMap((p) => {
      const result = normalizePhone(p, input.defaultRegion);
      return result.ok ? [result] : [];
    });
    await moveInquiriesToLead(tx, source.id, target.id);
    await moveTimelineToLead(tx, source.id, target.id);
    await moveMatchProfilesToLead(tx, source.id, target.id);
    const derived = await refreshDerived(tx, merged, phones, input.matcher);
    const { id: _id, createdAt: _createdAt, ...columns } = { ...merged, ...derived };
    const saved = await updateLead(tx, target.id, { ...columns, updatedAt: input.at });
    await updateLead(tx, source.id, { mergedIntoId: target.id, status: 'merged', updatedAt: input.at });
    await resolveReviewsBetween(tx, [target.id, source.id], {
      status: 'merged',
      at: input.at,
      by: input.actor,
    });
    await retargetReviews(tx, source.id, target.id);
    await insertTimelineEvents(tx, [
      {
        leadId: target.id,
        at: input.at,
        actor: input.actor,
        type: 'merged',
        data: {
          sourceId: source.id,
          taken,
          sourceAttribution: source.attribution,
          sourceCreatedAt: source.createdAt.toISOString(),
        },
      },
      {
        leadId: source.id,
        at: input.at,
        actor: input.actor,
        type: 'merged_into',
        data: { targetId: target.id },
      },
    ]);
    return saved as LeadRow;
  });
}
