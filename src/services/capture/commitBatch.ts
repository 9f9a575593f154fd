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
import { loadRoutingContext, type RoutingContext, routeNewLeads, routingReadsDatabase } from '../routing.ts';
import {
  loadNewLeadScoringContext,
  type NewLeadScoringContext,
  scoreNewLeadsBeforeInsert,
} from '../scoring.ts';
import { type PlanOptions, planCaptureBatch } from './planBatch.ts';
import type { PreparedCapture } from './prepare.ts';
import type { CaptureResult } from './types.ts';

export type CommitOptions = PlanOptions & { clock: () => Date; log: Log };

const unique = (values: (string | undefined)[]) => [
  ...new Set(values.filter((v): v is string => Boolean(v))),
];

/**
 * Scores and routes the batch's new leads before they are written, so each is stored once with its
 * score, owner and first task. Routing is no part of acknowledging an inquiry: when routing that
 * reads the database fails, its savepoint is rolled back, the leads are written unrouted, and the
 * scheduler's catch-up routes them. Routing to the pool reads nothing and needs no savepoint.
 */
async function settleNewLeads(
  tx: Tx,
  newLeads: LeadRow[],
  loaded: { scoring: NewLeadScoringContext; routing: RoutingContext },
  writes: CaptureWrites,
  options: CommitOptions,
): Promise<void> {
  if (newLeads.length === 0) return;
  const before = newLeads.map((lead) => ({ ...lead }));
  const at = options.clock();
  try {
    const scoring = scoreNewLeadsBeforeInsert(newLeads, loaded.scoring, at);
    const routing = routingReadsDatabase(newLeads, loaded.routing)
      ? await tx.transaction((savepoint) => routeNewLeads(savepoint, newLeads, loaded.routing, at))
      : await routeNewLeads(tx, newLeads, loaded.routing, at);
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
 * Captures a batch of prepared inquiries in one transaction and, when leads go to the pool, four
 * round trips: begin; lock the contacts and read what the decisions need; write everything in one
 * statement; commit.
 */
export async function commitCaptureBatch(
  tx: Tx,
  items: PreparedCapture[],
  options: CommitOptions,
): Promise<CaptureResult[]> {
  const valid = items.flatMap((i) => (i.valid ? [i] : []));
  const earliest = Math.min(...items.map((i) => i.request.receivedAt.getTime()));
  // Sent together, these share one round trip: postgres.js pipelines a transaction's queries and
  // PostgreSQL runs them in order, so the reads still take their snapshots after the locks are held.
  const [, context, scoring, routing] = await Promise.all([
    lockContactKeys(
      tx,
      items.flatMap((i) => i.contactKeys),
    ),
    loadCaptureContext(tx, {
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
    }),
    // For whichever of the batch's people turn out new.
    loadNewLeadScoringContext(tx, {
      emails: unique(valid.flatMap((i) => i.capture.person.emails)),
      phones: unique(valid.flatMap((i) => i.capture.person.phones)),
      visitorIds: unique(valid.map((i) => i.capture.attribution.visitorId)),
    }),
    loadRoutingContext(tx),
  ]);
  const { writes, results, newLeads } = planCaptureBatch(items, context, options);
  await settleNewLeads(tx, [...newLeads.values()], { scoring, routing }, writes, options);
  await writeCaptureBatch(tx, writes);
  return results.map((result) =>
    result.outcome === 'created' ? { ...result, lead: newLeads.get(result.leadId) as LeadRow } : result,
  );
}
