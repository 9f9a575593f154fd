import { lockTasksToRemind } from '../store/dueTasks.ts';
import { BATCH_SIZE } from './batches.ts';
import { taskNoticeJob } from './taskNotices.ts';

/** Reminds the assignee LEADFLOW_REMINDER_MINUTES before a task is due; once per task and due time. */
export const taskReminders = taskNoticeJob({
  name: 'task-reminders',
  type: 'task_reminder',
  dedupPrefix: 'reminder',
  mark: 'remindedAt',
  lockDue: (tx, ctx, now) =>
    lockTasksToRemind(tx, {
      now,
      remindFrom: new Date(now.getTime() + ctx.config.scheduler.reminderMinutes * 60_000),
      limit: BATCH_SIZE,
    }),
});
