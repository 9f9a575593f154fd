import { revisitRefusedLeads } from '../services/refusal.ts';
import { reassignLeadsWithMissedSla, routeUnroutedLeads } from '../services/routing.ts';
import { rescoreDecayingLeads } from '../services/scoring.ts';
import type { Job } from './scheduler.ts';

// Scheduler entries for lead jobs written in their own services; each locks with SKIP LOCKED there.

/** Routes leads that capture created but could not route (a crash or an error in between). */
export const routeUnrouted: Job = {
  name: 'route-unrouted-leads',
  everyMs: 60_000,
  run: (ctx) => routeUnroutedLeads({ database: ctx.database, clock: ctx.clock }),
};

/** When enabled in the routing settings, moves leads whose owner missed the first-response SLA. */
export const reassignMissedSla: Job = {
  name: 'reassign-missed-sla',
  everyMs: 30_000,
  run: (ctx) => reassignLeadsWithMissedSla({ database: ctx.database, clock: ctx.clock }),
};

/** Brings refused leads back to work on their "come back on" date. */
export const revisitRefused: Job = {
  name: 'revisit-refused-leads',
  everyMs: 5 * 60_000,
  run: (ctx) => revisitRefusedLeads({ database: ctx.database }, { at: ctx.clock() }),
};

/**
 * Engagement points decay: refreshes stored scores (and promotions) once a day. Two processes may
 * both run it; rescoring locks each lead, so the result is the same and promotions happen once.
 */
export const rescoreDecaying: Job = {
  name: 'rescore-decaying-leads',
  everyMs: 24 * 60 * 60_000,
  run: async (ctx) => (await rescoreDecayingLeads(ctx.database, ctx.clock())).leads,
};
