import { normalizeTrackingValue, type TrackingLookup } from '../domain/intake/attribution.ts';
import { normalizePhone } from '../domain/normalize/phone.ts';
import type { LeadProblem } from '../domain/types.ts';
import type { TrackingIdentifierInput } from '../schemas/channel.ts';
import type { Executor } from '../store/db.ts';
import { findKnownIdentifiers } from '../store/sources.ts';
import { InvalidLeadChange } from './leads.ts';

export class TrackingConflict extends Error {
  constructor(readonly identifier: TrackingLookup) {
    super(`${identifier.kind} "${identifier.value}" already tags another channel or campaign`);
  }
}

/** Tracking identifiers in the form inquiries are matched in (E.164 phones, upper-case promo codes…). */
export function normalizeTracking(input: TrackingIdentifierInput[], defaultRegion: string): TrackingLookup[] {
  const problems: LeadProblem[] = [];
  const normalized = input.flatMap((identifier, index): TrackingLookup[] => {
    if (identifier.kind !== 'tracking_phone') {
      return [{ kind: identifier.kind, value: normalizeTrackingValue(identifier.kind, identifier.value) }];
    }
    const phone = normalizePhone(identifier.value, defaultRegion);
    if (phone.ok) return [{ kind: identifier.kind, value: phone.e164 }];
    problems.push({ field: `tracking.${index}.value`, code: phone.code, message: phone.message });
    return [];
  });
  if (problems.length > 0) throw new InvalidLeadChange(problems);
  const unique = new Map(normalized.map((n) => [`${n.kind}\u0000${n.value}`, n]));
  return [...unique.values()];
}

/** Refuses identifiers that already tag someone else: one value must lead to one source. */
export async function assertTrackingFree(
  ex: Executor,
  identifiers: TrackingLookup[],
  owner: { channelId?: string; campaignId?: string },
): Promise<void> {
  const existing = await findKnownIdentifiers(ex, identifiers);
  const taken = existing.find((row) =>
    owner.campaignId
      ? row.campaignId !== owner.campaignId
      : row.campaignId !== null || row.channelId !== owner.channelId,
  );
  if (taken) throw new TrackingConflict({ kind: taken.kind, value: taken.value });
}
