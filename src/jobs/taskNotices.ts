import { notifyUser } from '../services/notifications.ts';
import type { Executor } from '../store/db.ts';
import { type DueTask, findSalesHeadIds, markTasks, type TaskMark } from '../store/dueTasks.ts';
import { inBatches } from './batches.ts';
import type { Job, JobContext } from './scheduler.ts';

/**
 * A job that tells the assignee of each due task (or the sales heads, for a task nobody holds)
 * and marks the task in the same transaction, so it fires once per task and due time. The dedup
 * key carries the due time: a rescheduled task is told again.
 */
export function taskNoticeJob(options: {
  name: string;
  type: 'task_reminder' | 'task_overdue';
  dedupPrefix: string;
  mark: TaskMark;
  lockDue: (tx: Executor, ctx: JobContext, now: Date) => Promise<DueTask[]>;
}): Job {
  return {
    name: options.name,
    everyMs: 30_000,
    run: (ctx) =>
      inBatches(() =>
        ctx.database.db.transaction(async (tx) => {
          const now = ctx.clock();
          const due = await options.lockDue(tx, ctx, now);
          for (const task of due) {
            const recipients = task.assigneeId
              ? [task.assigneeId]
              : await findSalesHeadIds(tx, task.leadTeamId);
            for (const recipientId of recipients) {
              await notifyUser(tx, {
                recipientId,
                type: options.type,
                leadId: task.leadId,
                data: {
                  taskId: task.id,
                  title: task.title,
                  taskType: task.type,
                  dueAt: task.dueAt.toISOString(),
                  leadName: task.leadName,
                },
                dedupKey: `${options.dedupPrefix}:${task.id}:${task.dueAt.getTime()}:${recipientId}`,
                at: now,
              });
            }
          }
          await markTasks(
            tx,
            due.map((t) => t.id),
            options.mark,
            now,
          );
          return due.length;
        }),
      ),
  };
}
