import { notifyUser } from '../services/notifications.ts';
import { findSalesHeadIds, lockTasksToRemind, markTasks } from '../store/dueTasks.ts';
import { BATCH_SIZE, inBatches } from './batches.ts';
import type { Job } from './scheduler.ts';

/**
 * Reminds the assignee (or, for a task nobody holds yet, the sales heads) LEADFLOW_REMINDER_MINUTES
 * before a task is due. Once per task: reminded_at is set in the same transaction.
 */
export const taskReminders: Job = {
  name: 'task-reminders',
  everyMs: 30_000,
  run: (ctx) =>
    inBatches(() =>
      ctx.database.db.transaction(async (tx) => {
        const now = ctx.clock();
        const remindFrom = new Date(now.getTime() + ctx.config.scheduler.reminderMinutes * 60_000);
        const due = await lockTasksToRemind(tx, { now, remindFrom, limit: BATCH_SIZE });
        for (const task of due) {
          const recipients = task.assigneeId
            ? [task.assigneeId]
            : await findSalesHeadIds(tx, task.leadTeamId);
          for (const recipientId of recipients) {
            await notifyUser(tx, {
              recipientId,
              type: 'task_reminder',
              leadId: task.leadId,
              data: {
                taskId: task.id,
                title: task.title,
                taskType: task.type,
                dueAt: task.dueAt.toISOString(),
                leadName: task.leadName,
              },
              dedupKey: `reminder:${task.id}:${task.dueAt.getTime()}:${recipientId}`,
              at: now,
            });
          }
        }
        await markTasks(
          tx,
          due.map((t) => t.id),
          'remindedAt',
          now,
        );
        return due.length;
      }),
    ),
};
