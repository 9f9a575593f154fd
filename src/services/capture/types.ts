import type { CardRef, LeadProblem } from '../../domain/types.ts';
import type { LeadRow } from '../../store/leads.ts';

/** One inbound inquiry as any channel hands it to the intake pipeline. */
export type CaptureRequest = {
  /** The parsed body; undefined when it could not be parsed (see parseError). */
  body: unknown;
  /** The body exactly as received, kept with the inquiry. */
  rawBody: string | null;
  contentType: string | null;
  /** Why the body could not be parsed, if it could not. */
  parseError?: string;
  ip?: string;
  userAgent?: string;
  /** The Idempotency-Key header, already scoped to the sender by the caller. */
  idempotencyKey?: string;
  /** Who sent it: `token:<id>`, `user:<id>`, `channel:email`… */
  actor: string;
  /** Channel code an adapter knows (email, import, phone); a body's `channel` field wins. */
  channelHint?: string;
  /** Partners and imports deliver many inquiries from one server: the per-IP flood rule does not apply. */
  bulkSender?: boolean;
  receivedAt: Date;
};

export type OriginalOutcome = 'created' | 'attached' | 'rejected' | 'failed';

export type CaptureResult =
  | { outcome: 'created'; inquiryId: string; leadId: string; lead: LeadRow; duplicateReviews: number }
  | { outcome: 'attached'; inquiryId: string; card: CardRef }
  | { outcome: 'rejected'; inquiryId: string; problems: LeadProblem[] }
  | { outcome: 'failed'; inquiryId: string; error: string }
  | {
      outcome: 'replayed';
      inquiryId: string;
      original: OriginalOutcome;
      leadId: string | null;
      card: CardRef | null;
      problems: LeadProblem[];
    }
  | { outcome: 'key_reused'; inquiryId: string };
