import { notifyUser } from '../services/notifications.ts';
import { findSalesHeadIds, lockTasksGoneOverdue, markTasks } from '../store/dueTasks.ts';
import { BATCH_SIZE, inBatches } from './batches.ts';
import type { Job } from './scheduler.ts';

/**
 * Marks tasks past their due time as overdue and tells the assignee (or the sales heads, for a
 * task nobody holds). Once per task: overdue_at is set in the same transaction.
 */
export const overdueTasks: Job = {
  name: 'overdue-tasks',
  everyMs: 30_000,
  run: (ctx) =>
    inBatches(() =>
      ctx.database.db.transaction(async (tx) => {
        const now = ctx.clock();
        const due = await lockTasksGoneOverdue(tx, { now, limit: BATCH_SIZE });
        for (const task of due) {
          const recipients = task.assigneeId
            ? [task.assigneeId]
            : await findSalesHeadIds(tx, task.leadTeamId);
          for (const recipientId of recipients) {
            await notifyUser(tx, {
              recipientId,
              type: 'task_overdue',
              leadId: task.leadId,
              data: {
                taskId: task.id,
                title: task.title,
                taskType: task.type,
                dueAt: task.dueAt.toISOString(),
                leadName: task.leadName,
              },
              dedupKey: `overdue:${task.id}:${task.dueAt.getTime()}:${recipientId}`,
              at: now,
            });
          }
        }
        await markTasks(
          tx,
          due.map((t) => t.id),
          'overdueAt',
          now,
        );
        return due.length;
      }),
    ),
};
