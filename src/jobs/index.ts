import { deliverEmail } from './deliverEmail.ts';
import { emailCaptureNotices } from './emailCaptureNotices.ts';
import { escalateFirstResponse } from './escalateFirstResponse.ts';
import { reassignMissedSla, rescoreDecaying, revisitRefused, routeUnrouted } from './leadJobs.ts';
import { overdueTasks } from './overdueTasks.ts';
import { pruneReportCache } from './pruneReportCache.ts';
import { rollUpReports } from './rollUpReports.ts';
import type { Job } from './scheduler.ts';
import { taskReminders } from './taskReminders.ts';
import { warmReportCache } from './warmReportCache.ts';

// Every job of the scheduler, in the order one tick runs them. A job must be safe to run in two
// processes at once (lock with FOR UPDATE SKIP LOCKED, mark what was done in the same transaction)
// and must select "due and not yet done", never "due in the last minute", so restarts catch up.
export const jobs: readonly Job[] = [
  routeUnrouted,
  taskReminders,
  overdueTasks,
  // Before reassignment, which gives the first-response task a fresh deadline: the head hears of
  // the missed response either way.
  escalateFirstResponse,
  reassignMissedSla,
  revisitRefused,
  rescoreDecaying,
  pruneReportCache,
  rollUpReports,
  warmReportCache,
  emailCaptureNotices,
  // Last, so that what the other jobs queued goes out in the same tick.
  deliverEmail,
];
