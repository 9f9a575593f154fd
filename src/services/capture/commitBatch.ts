import { weakKeyPrefixesOf } from '../../domain/dedup/index.ts';
import { loadCaptureContext, lockContactKeys, writeCaptureBatch } from '../../store/captureBatch.ts';
import type { Tx } from '../../store/db.ts';
import type { LeadRow } from '../../store/leads.ts';
import { type PlanOptions, planCaptureBatch } from './planBatch.ts';
import type { PreparedCapture } from './prepare.ts';
import type { CaptureResult } from './types.ts';

export type CommitOptions = PlanOptions;

const unique = (values: (string | undefined)[]) => [
  ...new Set(values.filter((v): v is string => Boolean(v))),
];

/**
 * Captures a batch of prepared inquiries in one transaction and three statements: lock the
 * contacts, read what the decisions need, write what they produced.
 */
export async function commitCaptureBatch(
  tx: Tx,
  items: PreparedCapture[],
  options: CommitOptions,
): Promise<CaptureResult[]> {
  await lockContactKeys(
    tx,
    items.flatMap((i) => i.contactKeys),
  );
  const valid = items.flatMap((i) => (i.valid ? [i] : []));
  const earliest = Math.min(...items.map((i) => i.request.receivedAt.getTime()));
  const context = await loadCaptureContext(tx, {
    idempotencyKeys: unique(items.map((i) => i.idempotencyKey)),
    externalKeys: unique(items.map((i) => i.externalKey)),
    ips: unique(valid.map((i) => (i.request.bulkSender ? undefined : i.request.ip))),
    emails: unique(valid.map((i) => i.email)),
    phones: unique(valid.map((i) => i.phone)),
    since: new Date(earliest - options.spam.floodWindowSeconds * 1000),
    tracking: valid.flatMap((i) => i.trackingLookups),
    channelCodes: unique(valid.map((i) => i.channelCode)),
    lookups: items.map((item, lookup) => ({ lookup, keys: item.valid ? item.matchKeys : [] })),
    maxCandidates: options.matcher.maxCandidates,
    weakKeyPrefixes: weakKeyPrefixesOf(options.matcher),
  });
  const { writes, results, newLeads } = planCaptureBatch(items, context, options);
  await writeCaptureBatch(tx, writes);
  return results.map((result) =>
    result.outcome === 'created' ? { ...result, lead: newLeads.get(result.leadId) as LeadRow } : result,
  );
}
