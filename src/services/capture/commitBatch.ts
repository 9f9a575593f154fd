import { weakKeyPrefixesOf } from '../../domain/dedup/index.ts';
import {
  type CaptureWrites,
  loadCaptureContext,
  lockContactKeys,
  writeCaptureBatch,
} from '../../store/captureBatch.ts';
import type { Tx } from '../../store/db.ts';
import type { LeadRow } from '../../store/leads.ts';
import type { Log } from '../log.ts';
import { routeNewLeads } from '../routing.ts';
import { scoreNewLeadsBeforeInsert } from '../scoring.ts';
import { type PlanOptions, planCaptureBatch } from './planBatch.ts';
import type { PreparedCapture } from './prepare.ts';
import type { CaptureResult } from './types.ts';

export type CommitOptions = PlanOptions & { clock: () => Date; log: Log };

const unique = (values: (string | undefined)[]) => [
  ...new Set(values.filter((v): v is string => Boolean(v))),
];

/**
 * Scores and routes the batch's new leads before they are written, so each is stored once with its
 * score, owner and first task. Routing is no part of acknowledging an inquiry: when it fails, the
 * savepoint is rolled back, the leads are written unrouted, and the scheduler's catch-up routes them.
 */
async function settleNewLeads(
  tx: Tx,
  newLeads: LeadRow[],
  writes: CaptureWrites,
  options: CommitOptions,
): Promise<void> {
  if (newLeads.length === 0) return;
  const before = newLeads.map((lead) => ({ ...lead }));
  const at = options.clock();
  try {
    const { scoring, routing } = await tx.transaction(async (savepoint) => {
      const scoring = await scoreNewLeadsBeforeInsert(savepoint, newLeads, at);
      return { scoring, routing: await routeNewLeads(savepoint, newLeads, at) };
    });
    writes.timeline.push(...scoring.timeline, ...routing.timeline);
    writes.eventLinks.push(...scoring.eventLinks);
    writes.tasks.push(...routing.tasks);
    writes.notifications.push(...routing.notices);
  } catch (error) {
    for (const [index, lead] of newLeads.entries()) Object.assign(lead, before[index]);
    options.log.error(
      { cause: error instanceof Error ? error.message : String(error), leads: newLeads.length },
      'scoring or routing new leads failed; they are kept unrouted for the catch-up',
    );
  }
}

/**
 * Captures a batch of prepared inquiries in one transaction: lock the contacts, read what the
 * decisions need, score and route the new leads, write everything in one statement.
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
  await settleNewLeads(tx, [...newLeads.values()], writes, options);
  await writeCaptureBatch(tx, writes);
  return results.map((result) =>
    result.outcome === 'created' ? { ...result, lead: newLeads.get(result.leadId) as LeadRow } : result,
  );
}
