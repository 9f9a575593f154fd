import { lockTasksGoneOverdue } from '../store/dueTasks.ts';
import { BATCH_SIZE } from './batches.ts';
import { taskNoticeJob } from './taskNotices.ts';

/** Marks tasks past their due time as overdue and tells the assignee; once per task and due time. */
export const overdueTasks = taskNoticeJob({
  name: 'overdue-tasks',
  type: 'task_overdue',
  dedupPrefix: 'overdue',
  mark: 'overdueAt',
  lockDue: (tx, _ctx, now) => lockTasksGoneOverdue(tx, { now, limit: BATCH_SIZE }),
});
