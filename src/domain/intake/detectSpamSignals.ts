import type { SpamSignal } from '../types.ts';

export type SpamRules = { minFillSeconds: number; floodLimit: number; floodWindowSeconds: number };

export type SpamEvidence = {
  honeypot?: string;
  formShownAt?: Date;
  receivedAt: Date;
  emailDisposable: boolean;
  /** Inquiries already received from the same IP inside the flood window (this one excluded). */
  recentFromIp: number;
  /** The highest count of recent inquiries sharing one of this inquiry's emails or phones. */
  recentFromContact: number;
};

/** Signals that a submission was not made by a target person. Any signal flags the lead as spam. */
export function detectSpamSignals(evidence: SpamEvidence, rules: SpamRules): SpamSignal[] {
  const signals: SpamSignal[] = [];
  if (evidence.honeypot) signals.push({ code: 'honeypot', detail: 'the hidden field was filled' });
  if (evidence.formShownAt) {
    const seconds = (evidence.receivedAt.getTime() - evidence.formShownAt.getTime()) / 1000;
    if (seconds < rules.minFillSeconds) {
      signals.push({
        code: 'too_fast',
        detail: `form filled in ${Math.max(0, seconds).toFixed(1)} s (minimum ${rules.minFillSeconds} s)`,
      });
    }
  }
  const window = `${rules.floodWindowSeconds} s`;
  if (evidence.recentFromIp >= rules.floodLimit) {
    signals.push({
      code: 'flood_ip',
      detail: `${evidence.recentFromIp + 1} inquiries from this IP in ${window}`,
    });
  }
  if (evidence.recentFromContact >= rules.floodLimit) {
    signals.push({
      code: 'flood_contact',
      detail: `${evidence.recentFromContact + 1} inquiries with this contact in ${window}`,
    });
  }
  if (evidence.emailDisposable)
    signals.push({ code: 'disposable_email', detail: 'a disposable email domain' });
  return signals;
}
