import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf, post, type Task, WORK_TASK_TYPES } from '../api.ts';
import { isoOfLocalInput, localInputOf, useFormat } from '../format.ts';
import { useApi } from '../hooks.ts';

const tomorrowAtTen = () => {
  const date = new Date();
  date.setDate(date.getDate() + 1);
  date.setHours(10, 0, 0, 0);
  return localInputOf(date);
};

/** The tasks of one lead: open ones with a complete-and-set-next form, a new task, and done ones. */
export function TaskPanel({ leadId, onChange }: { leadId: string; onChange: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const tasks = useApi<{ items: Task[] }>(`/api/tasks?view=all&leadId=${leadId}`);
  const open = tasks.data?.items.filter((task) => task.status === 'open') ?? [];
  const closed = tasks.data?.items.filter((task) => task.status !== 'open') ?? [];
  const changed = () => {
    tasks.reload();
    onChange();
  };

  return (
    <section className="card" aria-labelledby="tasks-title" data-testid="task-panel">
      <h2 id="tasks-title">{t('tasks.title')}</h2>
      {tasks.error && (
        <p className="error" role="alert">
          {tasks.error}
        </p>
      )}
      {open.length === 0 && !tasks.loading && <p className="muted">{t('tasks.noOpen')}</p>}
      <ul className="plain task-list">
        {open.map((task) => (
          <li key={task.id} data-testid="task-item" className={task.overdue ? 'overdue' : ''}>
            <div>
              <strong className="wrap">{format.taskTitle(task.title)}</strong> ·{' '}
              {t(`taskType.${task.type}`, { defaultValue: task.type })}
            </div>
            <div className="muted">
              {t('tasks.due', { when: format.dateTime(task.dueAt) })}
              {task.overdue && <span className="tag tag-hot"> {t('tasks.overdue')}</span>}
            </div>
            <CompleteTaskForm task={task} onDone={changed} />
          </li>
        ))}
      </ul>
      <NewTaskForm leadId={leadId} onDone={changed} />
      {closed.length > 0 && (
        <details>
          <summary>{t('tasks.closed', { count: closed.length })}</summary>
          <ul className="plain">
            {closed.map((task) => (
              <li key={task.id} className="wrap">
                {format.taskTitle(task.title)} — {t(`taskStatus.${task.status}`)}{' '}
                {format.dateTime(task.completedAt)}
                {task.result && <div className="muted">{task.result}</div>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** Complete a task with its result and, in the same request, the next step. */
export function CompleteTaskForm({ task, onDone }: { task: Task; onDone: () => void }) {
  const { t } = useTranslation();
  const [result, setResult] = useState('');
  const [withNext, setWithNext] = useState(true);
  const [nextType, setNextType] = useState<string>('call');
  const [nextTitle, setNextTitle] = useState('');
  const [nextDue, setNextDue] = useState(tomorrowAtTen);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const dueAt = isoOfLocalInput(nextDue);
    try {
      await post(`/api/tasks/${task.id}/complete`, {
        result,
        ...(withNext
          ? {
              next: {
                type: nextType,
                ...(nextTitle.trim() ? { title: nextTitle.trim() } : {}),
                ...(dueAt ? { dueAt } : {}),
              },
            }
          : {}),
      });
      onDone();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack task-complete" onSubmit={submit} data-testid="task-complete-form">
      <label>
        {t('tasks.result')}
        <textarea
          name="result"
          value={result}
          onChange={(event) => setResult(event.target.value)}
          required
          rows={2}
        />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={withNext} onChange={(event) => setWithNext(event.target.checked)} />
        {t('tasks.setNext')}
      </label>
      {withNext && (
        <div className="row">
          <label>
            {t('tasks.nextType')}
            <select name="nextType" value={nextType} onChange={(event) => setNextType(event.target.value)}>
              {WORK_TASK_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`taskType.${type}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('tasks.nextTitle')}
            <input
              name="nextTitle"
              value={nextTitle}
              onChange={(event) => setNextTitle(event.target.value)}
            />
          </label>
          <label>
            {t('tasks.nextDue')}
            <input
              type="datetime-local"
              name="nextDue"
              value={nextDue}
              onChange={(event) => setNextDue(event.target.value)}
              required
            />
          </label>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy} data-testid="task-complete-submit">
        {t('tasks.complete')}
      </button>
    </form>
  );
}

function NewTaskForm({ leadId, onDone }: { leadId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [type, setType] = useState<string>('call');
  const [title, setTitle] = useState('');
  const [due, setDue] = useState(tomorrowAtTen);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const dueAt = isoOfLocalInput(due);
    try {
      await post('/api/tasks', {
        leadId,
        type,
        ...(title.trim() ? { title: title.trim() } : {}),
        ...(dueAt ? { dueAt } : {}),
      });
      setTitle('');
      onDone();
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <details>
      <summary>{t('tasks.add')}</summary>
      <form className="stack" onSubmit={submit} data-testid="task-new-form">
        <div className="row">
          <label>
            {t('tasks.type')}
            <select value={type} onChange={(event) => setType(event.target.value)}>
              {WORK_TASK_TYPES.map((value) => (
                <option key={value} value={value}>
                  {t(`taskType.${value}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('tasks.titleField')}
            <input value={title} onChange={(event) => setTitle(event.target.value)} />
          </label>
          <label>
            {t('tasks.dueField')}
            <input
              type="datetime-local"
              value={due}
              onChange={(event) => setDue(event.target.value)}
              required
            />
          </label>
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit">{t('tasks.create')}</button>
      </form>
    </details>
  );
}
