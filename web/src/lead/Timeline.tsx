import { useTranslation } from 'react-i18next';
import type { Inquiry, TimelineEvent } from '../api.ts';
import { useFormat } from '../format.ts';

/** Values of an event as short text: never HTML, React escapes it. */
function describe(data: Record<string, unknown>): string {
  return Object.entries(data)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(' · ');
}

export function Timeline({ events, inquiries }: { events: TimelineEvent[]; inquiries: Inquiry[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const ordered = [...events].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <>
      <section className="card" aria-labelledby="timeline-title" data-testid="lead-timeline">
        <h2 id="timeline-title">{t('lead.timeline')}</h2>
        {ordered.length === 0 && <p className="muted">{t('lead.noEvents')}</p>}
        <ol className="timeline">
          {ordered.map((event) => (
            <li key={event.id} data-testid="timeline-event">
              <div>
                <strong>{t(`timeline.${event.type}`, { defaultValue: event.type })}</strong>{' '}
                <span className="muted">
                  {format.dateTime(event.at)} · {event.actor}
                </span>
              </div>
              {Object.keys(event.data).length > 0 && <div className="wrap muted">{describe(event.data)}</div>}
            </li>
          ))}
        </ol>
      </section>
      <section className="card" aria-labelledby="inquiries-title">
        <h2 id="inquiries-title">{t('lead.inquiries', { count: inquiries.length })}</h2>
        {inquiries.map((inquiry) => (
          <details key={inquiry.id}>
            <summary>
              {format.dateTime(inquiry.receivedAt)} ·{' '}
              {t(`outcome.${inquiry.outcome}`, { defaultValue: inquiry.outcome })}
            </summary>
            <pre className="raw">{inquiry.rawBody ?? ''}</pre>
          </details>
        ))}
      </section>
    </>
  );
}
