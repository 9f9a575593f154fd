import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Inquiry, TimelineEvent } from '../api.ts';
import { useFormat } from '../format.ts';
import { useReasonLabel, useStatusLabel } from '../hooks.ts';
import type { LeadNames } from './names.ts';
import { actorName, describeEvent, type EventContext } from './timelineText.ts';

function outcomeLabel(t: TFunction, outcome: string): string {
  switch (outcome) {
    case 'created':
      return t('outcome.created');
    case 'attached':
      return t('outcome.attached');
    case 'rejected':
      return t('outcome.rejected');
    case 'replayed':
      return t('outcome.replayed');
    default:
      return t('outcome.failed');
  }
}

/** What happened to the lead, newest first, each event as a sentence; and its inquiries as received. */
export function Timeline({
  events,
  inquiries,
  names,
}: {
  events: TimelineEvent[];
  inquiries: Inquiry[];
  names: LeadNames;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const statusLabel = useStatusLabel();
  const reasonLabel = useReasonLabel();
  const context: EventContext = {
    t,
    language: i18n.language,
    names,
    statusLabel,
    reasonLabel,
    dateTime: format.dateTime,
    number: (value) => format.number(value),
    taskTitle: format.taskTitle,
  };
  // Newest first; events of one instant (a merge, a conversion) keep their order, reversed.
  const ordered = [...events].reverse().sort((a, b) => b.at.localeCompare(a.at));
  return (
    <>
      <section className="card" aria-labelledby="timeline-title" data-testid="lead-timeline">
        <h2 id="timeline-title">{t('lead.timeline')}</h2>
        {ordered.length === 0 && <p className="muted">{t('lead.noEvents')}</p>}
        <ol className="timeline">
          {ordered.map((event) => {
            const described = describeEvent(event, context);
            return (
              <li key={event.id} data-testid="timeline-event" data-type={event.type}>
                <div>
                  <strong>{described.title}</strong>{' '}
                  <span className="muted">
                    {format.dateTime(event.at)} · {actorName(event.actor, context)}
                  </span>
                </div>
                {(described.details.length > 0 || described.links.length > 0) && (
                  <div className="wrap muted" data-testid="timeline-details">
                    {described.details.join(' · ')}
                    {described.links.map((link) => (
                      <span key={link.leadId}>
                        {described.details.length > 0 ? ' · ' : ''}
                        <Link to={`/leads/${link.leadId}`}>{link.label}</Link>
                      </span>
                    ))}
                  </div>
                )}
                {/* An event this version does not know yet: its data as stored, folded away. */}
                {!described.known && Object.keys(event.data).length > 0 && (
                  <details className="wrap muted">
                    <summary>{t('timelineEvent.rawData')}</summary>
                    <pre className="raw">{JSON.stringify(event.data, null, 2)}</pre>
                  </details>
                )}
              </li>
            );
          })}
        </ol>
      </section>
      <section className="card" aria-labelledby="inquiries-title">
        <h2 id="inquiries-title">{t('lead.inquiries', { count: inquiries.length })}</h2>
        {inquiries.map((inquiry) => (
          <details key={inquiry.id} data-testid="lead-inquiry">
            <summary>
              {format.dateTime(inquiry.receivedAt)} · {outcomeLabel(t, inquiry.outcome)}
              {inquiry.channelId && names.channel(inquiry.channelId)
                ? ` · ${names.channel(inquiry.channelId)}`
                : ''}
            </summary>
            <pre className="raw">{inquiry.rawBody ?? ''}</pre>
          </details>
        ))}
      </section>
    </>
  );
}
