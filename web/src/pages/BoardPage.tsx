import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Board, type BoardCard, messageOf, post } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';
import { ReasonField } from '../components/ReasonField.tsx';
import { useFormat } from '../format.ts';
import { useApi } from '../hooks.ts';
import { RefuseDialog } from '../lead/RefuseDialog.tsx';
import { useSession } from '../session.tsx';

const CARD_TYPE = 'application/x-leadflow-lead';

/** Leads by status; dragging a card to another column changes its status. */
export function BoardPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { statuses } = useSession();
  const board = useApi<Board>('/api/board?limit=30');
  const [error, setError] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const [refusing, setRefusing] = useState<string | null>(null);
  const [moving, setMoving] = useState<string | null>(null);
  const [needsReason, setNeedsReason] = useState<{ card: BoardCard; status: string } | null>(null);
  const [reason, setReason] = useState('');

  async function move(card: BoardCard, status: string, reason?: string) {
    setError(null);
    if (card.status === status) return;
    if (status === 'refused') {
      setRefusing(card.id);
      return;
    }
    if (status === 'converted') {
      setError(t('board.convertOnCard'));
      return;
    }
    const definition = statuses?.statuses.find((s) => s.key === status);
    if (definition?.requiresReason && !reason) {
      setNeedsReason({ card, status });
      return;
    }
    try {
      await post(`/api/leads/${card.id}/status`, reason ? { status, reason } : { status });
      board.reload();
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  function cardOf(id: string): BoardCard | undefined {
    for (const column of board.data?.columns ?? []) {
      const found = column.cards.find((c) => c.id === id);
      if (found) return found;
    }
    return undefined;
  }

  function drop(event: DragEvent, status: string) {
    event.preventDefault();
    setOver(null);
    const card = cardOf(event.dataTransfer.getData(CARD_TYPE));
    if (card) void move(card, status);
  }

  const columns = board.data?.columns ?? [];
  return (
    <section aria-labelledby="board-title">
      <h1 id="board-title">{t('board.title')}</h1>
      <p className="muted">{t('board.hint')}</p>
      {(error || board.error) && (
        <p className="error" role="alert" data-testid="board-error">
          {error ?? board.error}
        </p>
      )}
      <div className="board">
        {columns.map((column) => (
          <section
            key={column.status}
            className={`board-column ${over === column.status ? 'drop-target' : ''}`}
            aria-label={format.label(column.labels, column.status)}
            data-testid="board-column"
            data-status={column.status}
            onDragOver={(event) => {
              event.preventDefault();
              setOver(column.status);
            }}
            onDragLeave={() => setOver(null)}
            onDrop={(event) => drop(event, column.status)}
          >
            <h2>
              {format.label(column.labels, column.status)}{' '}
              <span className="count" data-testid="board-count">
                {format.number(column.total)}
              </span>
            </h2>
            <ul className="plain">
              {column.cards.map((card) => (
                <li
                  key={card.id}
                  className="board-card"
                  draggable
                  data-testid="board-card"
                  onDragStart={(event) => {
                    event.dataTransfer.setData(CARD_TYPE, card.id);
                    event.dataTransfer.effectAllowed = 'move';
                  }}
                >
                  <Link to={`/leads/${card.id}`} className="wrap">
                    {card.fullName || t('leads.noName')}
                  </Link>
                  {card.company && <div className="muted wrap">{card.company}</div>}
                  <div className="muted">
                    {t('leads.score')}: {format.number(card.score)}
                    {card.temperature && ` · ${t(`temperature.${card.temperature}`)}`}
                  </div>
                  {card.nextTask && (
                    <div className="muted wrap">
                      {format.taskTitle(card.nextTask.title)} · {format.dateTime(card.nextTask.dueAt)}
                    </div>
                  )}
                  {/* Drag and drop needs a mouse; the same move from the keyboard: */}
                  <label className="move-to">
                    {t('board.moveTo')}
                    <select
                      value={card.status}
                      disabled={moving === card.id}
                      onChange={(event) => {
                        setMoving(card.id);
                        void move(card, event.target.value).finally(() => setMoving(null));
                      }}
                    >
                      {columns.map((c) => (
                        <option key={c.status} value={c.status}>
                          {format.label(c.labels, c.status)}
                        </option>
                      ))}
                    </select>
                  </label>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      {needsReason && (
        <Dialog
          title={t('board.reasonTitle')}
          onClose={() => setNeedsReason(null)}
          testId="status-reason-dialog"
        >
          <form
            className="stack"
            onSubmit={(event) => {
              event.preventDefault();
              const { card, status } = needsReason;
              setNeedsReason(null);
              void move(card, status, reason);
              setReason('');
            }}
          >
            <ReasonField
              reasons={(statuses?.reasons[needsReason.status] ?? []).map((r) => ({
                key: r.key,
                label: format.label(r.labels, r.key),
              }))}
              value={reason}
              onChange={setReason}
            />
            <button type="submit" className="primary">
              {t('lead.apply')}
            </button>
          </form>
        </Dialog>
      )}
      {refusing && (
        <RefuseDialog
          leadId={refusing}
          onClose={() => setRefusing(null)}
          onDone={() => {
            setRefusing(null);
            board.reload();
          }}
        />
      )}
    </section>
  );
}
