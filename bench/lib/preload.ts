import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Sql } from 'postgres';
import { v7 as uuidv7 } from 'uuid';
import type { MatcherConfig } from '../../src/domain/dedup/index.ts';
import { searchTextOf } from '../../src/domain/intake/searchText.ts';
import { prepareCapture } from '../../src/services/capture/prepare.ts';
import { personAt } from './people.ts';

// Bulk-loads synthetic leads the way the pipeline would have stored them (same normalization,
// match fields and blocking keys, through prepareCapture), but with COPY instead of HTTP, so a
// benchmark can start from a million leads in about a minute.

const NULL = '\\N';

function copyText(value: string): string {
  return value.replace(
    /[\\\t\n\r]/g,
    (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] as string,
  );
}

function field(value: unknown): string {
  if (value === null || value === undefined) return NULL;
  if (Array.isArray(value)) {
    return copyText(`{${value.map((v) => `"${String(v).replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`);
  }
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return copyText(JSON.stringify(value));
  return copyText(String(value));
}

const line = (values: unknown[]): string => `${values.map(field).join('\t')}\n`;

type Chunk = { leads: string[]; inquiries: string[]; profiles: string[]; keys: string[] };

function synthesize(index: number, matcher: MatcherConfig, receivedAt: Date, chunk: Chunk): void {
  const person = personAt(index);
  const body = { ...person, utm_source: index % 3 === 0 ? 'yandex' : 'google' };
  const rawBody = JSON.stringify(body);
  const prepared = prepareCapture(
    { body, rawBody, contentType: 'application/json', actor: 'bench:preload', receivedAt, ip: '192.0.2.1' },
    { defaultRegion: 'RU', matcher },
  );
  if (!prepared.valid)
    throw new Error(`synthetic person ${index} is invalid: ${JSON.stringify(prepared.problems)}`);
  const leadId = uuidv7();
  const p = prepared.capture.person;
  chunk.leads.push(
    line([
      leadId,
      prepared.classification.kind,
      p.firstName,
      p.lastName,
      prepared.capture.fullName,
      p.emails,
      p.phones,
      p.company,
      prepared.classification.valid,
      prepared.classification.problems,
      prepared.capture.attribution,
      searchTextOf({
        fullName: prepared.capture.fullName,
        emails: p.emails,
        phones: p.phones,
        company: p.company ?? null,
      }),
      receivedAt,
      receivedAt,
      // Routed long ago, as they would be: the scheduler's catch-up has nothing to do.
      receivedAt,
    ]),
  );
  chunk.inquiries.push(
    line([
      uuidv7(),
      receivedAt,
      leadId,
      'created',
      prepared.payloadHash,
      'application/json',
      rawBody,
      '192.0.2.1',
      prepared.email,
      prepared.phone,
      'bench:preload',
    ]),
  );
  chunk.profiles.push(line([leadId, leadId, prepared.matchFields, receivedAt]));
  for (const key of prepared.matchKeys) chunk.keys.push(line([key, leadId]));
}

async function copyInto(stream: Writable, lines: string[]): Promise<void> {
  for (const text of lines) if (!stream.write(text)) await once(stream, 'drain');
  stream.end();
  await once(stream, 'finish');
}

/** Loads `count` synthetic leads (with inquiry, match profile and keys) in transactions of 20,000. */
export async function preloadLeads(
  sql: Sql,
  options: {
    count: number;
    matcher: MatcherConfig;
    since: Date;
    until: Date;
    onProgress?: (done: number) => void;
  },
): Promise<void> {
  const span = options.until.getTime() - options.since.getTime();
  for (let start = 0; start < options.count; start += 20_000) {
    const chunk: Chunk = { leads: [], inquiries: [], profiles: [], keys: [] };
    for (let index = start; index < Math.min(options.count, start + 20_000); index++) {
      // Millisecond timestamps, like the clock the pipeline stamps leads with.
      synthesize(
        index,
        options.matcher,
        new Date(options.since.getTime() + Math.floor((span * index) / options.count)),
        chunk,
      );
    }
    // Parents before children, in one transaction: the foreign keys hold at every step.
    await sql.begin(async (tx) => {
      await copyInto(
        await tx`COPY leads (id, kind, first_name, last_name, full_name, emails, phones, company, valid,
        problems, attribution, search_text, created_at, updated_at, routed_at) FROM STDIN`.writable(),
        chunk.leads,
      );
      await copyInto(
        await tx`COPY inquiries (id, received_at, lead_id, outcome, payload_hash, content_type, raw_body,
        ip, email, phone, actor) FROM STDIN`.writable(),
        chunk.inquiries,
      );
      await copyInto(
        await tx`COPY match_profiles (id, lead_id, fields, created_at) FROM STDIN`.writable(),
        chunk.profiles,
      );
      await copyInto(await tx`COPY match_keys (key, profile_id) FROM STDIN`.writable(), chunk.keys);
    });
    options.onProgress?.(Math.min(options.count, start + 20_000));
  }
}
