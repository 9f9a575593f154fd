import { notifyUser } from '../services/notifications.ts';
import { loadRoutingSettings } from '../services/routingSettings.ts';
import { findSalesHeadIds, lockFirstResponsesToEscalate, markTasks } from '../store/dueTasks.ts';
import { insertTimelineEvents } from '../store/timeline.ts';
import { BATCH_SIZE, inBatches } from './batches.ts';
import type { Job } from './scheduler.ts';

export const SCHEDULER_ACTOR = 'system:scheduler';

/**
 * A lead whose first-response task went past due is escalated to the sales head: the head of the
 * lead's team, or every active head. Once per task: escalated_at is set in the same transaction,
 * and the lead's timeline records it. Off in the routing settings, nothing is escalated; turned back
 * on, the heads hear of the first responses overdue at that time.
 */
export const escalateFirstResponse: Job = {
  name: 'escalate-first-response',
  everyMs: 30_000,
  run: (ctx) =>
    inBatches(() =>
      ctx.database.db.transaction(async (tx) => {
        const now = ctx.clock();
        if (!(await loadRoutingSettings(tx)).escalateOnMissedSla) return 0;
        const due = await lockFirstResponsesToEscalate(tx, { now, limit: BATCH_SIZE });
        for (const task of due) {
          const heads = await findSalesHeadIds(tx, task.leadTeamId);
          for (const recipientId of heads) {
            await notifyUser(tx, {
              recipientId,
              type: 'first_response_overdue',
              leadId: task.leadId,
              data: {
                taskId: task.id,
                title: task.title,
                dueAt: task.dueAt.toISOString(),
                leadName: task.leadName,
                assigneeId: task.assigneeId,
                assigneeName: task.assigneeName,
              },
              dedupKey: `escalation:${task.id}:${task.dueAt.getTime()}:${recipientId}`,
              at: now,
            });
          }
          if (task.leadId) {
            await insertTimelineEvents(tx, [
              {
                leadId: task.leadId,
                at: now,
                actor: SCHEDULER_ACTOR,
                type: 'first_response_escalated',
                data: { taskId: task.id, dueAt: task.dueAt.toISOString(), headIds: heads },
              },
            ]);
          }
        }
        await markTasks(
          tx,
          due.map((t) => t.id),
          'escalatedAt',
          now,
        );
        return due.length;
      }),
    ),
};
