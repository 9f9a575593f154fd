import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { SegmentLead } from '../schemas/segment.ts';
import type { Executor } from '../store/db.ts';
import { type SegmentFilter, type SegmentRow, segmentLeadsPage } from '../store/segments.ts';

const PAGE_SIZE = 1000;

function segmentLeadOf(row: SegmentRow): SegmentLead {
  const given = row.consent?.given;
  return {
    id: row.id,
    name: row.fullName,
    emails: row.emails,
    phones: row.phones,
    company: row.company,
    status: row.status,
    reason: row.statusReason,
    lifecycle: row.lifecycleStage,
    temperature: row.temperature,
    consent: given === true ? 'given' : given === false ? 'withdrawn' : 'unknown',
  };
}

/** Every lead of the segment, read page by page so an export of any size holds one page in memory. */
export async function* segmentLeads(ex: Executor, filter: SegmentFilter): AsyncGenerator<SegmentLead> {
  let afterId: string | undefined;
  for (;;) {
    const rows = await segmentLeadsPage(ex, filter, { limit: PAGE_SIZE, ...(afterId ? { afterId } : {}) });
    for (const row of rows) yield segmentLeadOf(row);
    if (rows.length < PAGE_SIZE) return;
    afterId = rows[rows.length - 1]?.id;
  }
}

export const SEGMENT_CSV_COLUMNS = [
  'name',
  'emails',
  'phones',
  'company',
  'status',
  'reason',
  'lifecycle',
  'temperature',
  'consent',
] as const;

/** Free text from public forms must not run as a spreadsheet formula when the CSV is opened. */
const inertCell = (value: string | null) => (value && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The segment as a CSV stream with a header row; several emails or phones share a cell, "; "-separated. */
export function segmentCsvStream(leads: AsyncIterable<SegmentLead>): Readable {
  const csv = stringify({ header: true, columns: [...SEGMENT_CSV_COLUMNS] });
  const records = Readable.from(
    (async function* () {
      for await (const lead of leads)
        yield {
          ...lead,
          name: inertCell(lead.name),
          company: inertCell(lead.company),
          emails: lead.emails.join('; '),
          phones: lead.phones.join('; '),
        };
    })(),
  );
  records.on('error', (error) => csv.destroy(error));
  return records.pipe(csv);
}
