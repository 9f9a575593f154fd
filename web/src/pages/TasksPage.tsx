import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { get, messageOf, type Page, type Task } from '../api.ts';
import { useFormat } from '../format.ts';
import { useApi } from '../hooks.ts';
import { CompleteTaskForm } from '../lead/TaskPanel.tsx';

const VIEWS = ['today', 'overdue', 'upcoming', 'mine'] as const;

/** My tasks by view: today, overdue, upcoming, or all open ones. */
export function TasksPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const requested = params.get('view');
  const view = VIEWS.find((v) => v === requested) ?? 'today';
  const tasks = useApi<Page<Task>>(`/api/tasks?view=${view}`);
  const [completing, setCompleting] = useState<string | null>(null);
  // Pages loaded after the first with "load more"; forgotten whenever the first page reloads.
  const [more, setMore] = useState<Page<Task> | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  useEffect(() => {
    if (tasks.data) setMore(null);
  }, [tasks.data]);
  const items = [...(tasks.data?.items ?? []), ...(more?.items ?? [])];
  const nextCursor = more ? more.nextCursor : (tasks.data?.nextCursor ?? null);

  async function loadMore(cursor: string) {
    try {
      const page = await get<Page<Task>>('/api/tasks', { view, cursor });
      setMore((before) => ({
        items: [...(before?.items ?? []), ...page.items],
        nextCursor: page.nextCursor,
      }));
    } catch (failure) {
      setMoreError(messageOf(failure));
    }
  }

  return (
    <section aria-labelledby="tasks-page-title">
      <h1 id="tasks-page-title">{t('tasks.myTasks')}</h1>
      <div className="tabs" role="tablist" aria-label={t('tasks.views')}>
        {VIEWS.map((v) => (
          <button
            key={v}
            type="button"
            role="tab"
            aria-selected={v === view}
            className={v === view ? 'active' : ''}
            data-testid={`tasks-view-${v}`}
            onClick={() => setParams(new URLSearchParams({ view: v }))}
          >
            {t(`tasks.view.${v}`)}
          </button>
        ))}
      </div>
      {tasks.error && (
        <p className="error" role="alert">
          {tasks.error}
        </p>
      )}
      {tasks.loading && (
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      )}
      {tasks.data && items.length === 0 && <p className="muted">{t('tasks.none')}</p>}
      <ul className="plain task-list" role="tabpanel">
        {items.map((task) => (
          <li key={task.id} className={`card ${task.overdue ? 'overdue' : ''}`} data-testid="task-row">
            <div className="wrap">
              <strong>{format.taskTitle(task.title)}</strong> ·{' '}
              {t(`taskType.${task.type}`, { defaultValue: task.type })}
            </div>
            <div className="muted">
              {t('tasks.due', { when: format.dateTime(task.dueAt) })}
              {task.overdue && <span className="tag tag-hot"> {t('tasks.overdue')}</span>}
            </div>
            {task.leadId && <Link to={`/leads/${task.leadId}`}>{t('tasks.openLead')}</Link>}
            {task.status === 'open' &&
              (completing === task.id ? (
                <CompleteTaskForm
                  task={task}
                  onDone={() => {
                    setCompleting(null);
                    tasks.reload();
                  }}
                />
              ) : (
                <button type="button" onClick={() => setCompleting(task.id)}>
                  {t('tasks.complete')}
                </button>
              ))}
          </li>
        ))}
      </ul>
      {moreError && (
        <p className="error" role="alert">
          {moreError}
        </p>
      )}
      {nextCursor && (
        <button type="button" data-testid="tasks-load-more" onClick={() => void loadMore(nextCursor)}>
          {t('leads.loadMore')}
        </button>
      )}
    </section>
  );
}
