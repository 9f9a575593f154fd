import { eq, type SQL, sql } from 'drizzle-orm';
import type { CardRef, MatchFields } from '../domain/types.ts';
import type { Executor } from './db.ts';
import { matchKeys, matchProfiles } from './schema.ts';
import { insertJsonRows, queryRows } from './sql.ts';

export type NewMatchProfile = { id: string; card: CardRef; fields: MatchFields; keys: string[] };

/** A stored profile found through shared blocking keys, with what the card shows of itself. */
export type CandidateProfile = {
  /** Index of the lookup (inquiry in the batch) this candidate was found for. */
  lookup: number;
  profileId: string;
  card: CardRef;
  fields: MatchFields;
  ownerId: string | null;
  emails: string[];
  phones: string[];
};

export async function insertMatchProfiles(ex: Executor, profiles: NewMatchProfile[]): Promise<void> {
  if (profiles.length === 0) return;
  await insertJsonRows(
    ex,
    matchProfiles,
    profiles.map((p) => ({
      id: p.id,
      fields: p.fields,
      leadId: p.card.type === 'lead' ? p.card.id : null,
      contactId: p.card.type === 'contact' ? p.card.id : null,
    })),
  );
  await insertJsonRows(
    ex,
    matchKeys,
    profiles.flatMap((p) => [...new Set(p.keys)].map((key) => ({ key, profileId: p.id }))),
  );
}

/**
 * A common name is shared by thousands of people: per key, only the newest profiles (ids are
 * time-ordered) are considered, so a lookup costs the same at ten or ten million leads. A true
 * duplicate almost always also shares a rarer key (email, phone, phone tail, name + company).
 */
const POSTINGS_PER_KEY = 200;

type CandidateRow = {
  lookup: number;
  profile_id: string;
  lead_id: string | null;
  contact_id: string | null;
  fields: MatchFields;
  owner_id: string | null;
  emails: string[] | null;
  phones: string[] | null;
};

/**
 * For each lookup, the profiles sharing the most blocking keys with it (at most `limit`), found
 * through the match_keys index, with their card's owner and contacts.
 *
 * A profile qualifies through a strong key, or through two weak ones. A lookup with a single weak
 * key (the usual common name) therefore never needs that key's long postings list: the key only
 * adds a hit to the profiles its strong keys found, checked by probing the primary key. Reading
 * the name's 200 newest postings for every inquiry was most of the cost of a capture's lookup.
 */
export function candidateProfilesQuery(
  lookups: { lookup: number; keys: string[] }[],
  limit: number,
  weakPrefixes: string[] = [],
): SQL {
  const weak = new Set(weakPrefixes);
  const isWeak = (key: string) => weak.has(key.slice(0, key.indexOf(':')));
  const withKeys = lookups
    .filter((l) => l.keys.length > 0)
    .map((l) => ({
      lookup: l.lookup,
      strong: l.keys.filter((key) => !isWeak(key)),
      weak: l.keys.filter(isWeak),
    }));
  const postings = (keys: SQL) => sql`
    SELECT k.profile_id FROM unnest(${keys}) AS wanted(key)
    CROSS JOIN LATERAL (
      SELECT k.profile_id FROM match_keys k WHERE k.key = wanted.key
      ORDER BY k.profile_id DESC LIMIT ${sql.raw(String(POSTINGS_PER_KEY))}
    ) k`;
  // PostgreSQL guesses 100 rows for a set-returning function and then hash-joins whole tables; the
  // LIMIT tells it the real number of lookups, which keeps every join an index probe.
  return sql`SELECT q.lookup, p.id AS profile_id, p.lead_id, p.contact_id, p.fields,
               coalesce(l.owner_id, c.owner_id) AS owner_id,
               coalesce(l.emails, c.emails) AS emails, coalesce(l.phones, c.phones) AS phones
        FROM (
          SELECT * FROM jsonb_to_recordset(${JSON.stringify(withKeys)}::jsonb)
            AS r(lookup int, strong text[], weak text[])
          LIMIT ${sql.raw(String(withKeys.length))}
        ) AS q
        CROSS JOIN LATERAL (
          WITH found AS (${postings(sql`q.strong`)})
          SELECT s.profile_id, count(*) AS hits
          FROM (
            SELECT profile_id, true AS strong FROM found
            UNION ALL
            SELECT profile_id, false FROM (${postings(sql`q.weak`)}) w WHERE cardinality(q.weak) > 1
            UNION ALL
            SELECT f.profile_id, false FROM (SELECT DISTINCT profile_id FROM found) f
            CROSS JOIN LATERAL (
              SELECT FROM match_keys k WHERE k.key = q.weak[1] AND k.profile_id = f.profile_id LIMIT 1
            ) probe
            WHERE cardinality(q.weak) = 1
          ) s
          GROUP BY s.profile_id
          HAVING count(*) >= 2 OR bool_or(s.strong)
          ORDER BY hits DESC, s.profile_id DESC LIMIT ${sql.raw(String(Math.trunc(limit)))}
        ) m
        JOIN match_profiles p ON p.id = m.profile_id
        LEFT JOIN leads l ON l.id = p.lead_id
        LEFT JOIN contacts c ON c.id = p.contact_id
        ORDER BY q.lookup, m.hits DESC, p.id DESC`;
}

export function toCandidateProfile(row: CandidateRow): CandidateProfile {
  return {
    lookup: Number(row.lookup),
    profileId: row.profile_id,
    card: row.lead_id ? { type: 'lead', id: row.lead_id } : { type: 'contact', id: row.contact_id as string },
    fields: row.fields,
    ownerId: row.owner_id,
    emails: row.emails ?? [],
    phones: row.phones ?? [],
  };
}

export async function findCandidateProfiles(
  ex: Executor,
  lookups: { lookup: number; keys: string[] }[],
  limit: number,
  weakPrefixes: string[] = [],
): Promise<CandidateProfile[]> {
  if (!lookups.some((l) => l.keys.length > 0)) return [];
  const rows = await queryRows<CandidateRow>(ex, candidateProfilesQuery(lookups, limit, weakPrefixes));
  return rows.map(toCandidateProfile);
}

export async function moveMatchProfilesToLead(
  ex: Executor,
  fromLeadId: string,
  toLeadId: string,
): Promise<void> {
  await ex.update(matchProfiles).set({ leadId: toLeadId }).where(eq(matchProfiles.leadId, fromLeadId));
}

/** Replaces a card's own profile (the first one) after its data was edited by hand. */
export async function replaceOwnProfile(ex: Executor, profile: NewMatchProfile): Promise<void> {
  await ex.delete(matchProfiles).where(eq(matchProfiles.id, profile.id));
  await insertMatchProfiles(ex, [profile]);
}
