import { type Condition, evaluateConditions } from './conditions.ts';

// Who gets a new lead: the first matching routing rule (conditions as in conditions.ts, shared
// with scoring) picks a target; inside a team, the least loaded rep or the next in turn.
// Plain data in, a decision out.

/** Lead attributes rules can test, plus `custom.<key>` (wholesale/retail…), `attribution.<tag>`, `address.<part>`. */
export const RULE_FIELDS = [
  'interest',
  'region',
  'language',
  'channelId',
  'campaignId',
  'score',
  'kind',
  'company',
  'position',
  'temperature',
] as const;

export function isRuleField(field: string): boolean {
  return (
    (RULE_FIELDS as readonly string[]).includes(field) ||
    /^(custom|attribution)\.[\w.-]{1,100}$/.test(field) ||
    /^address\.(country|region|city|postcode)$/.test(field)
  );
}

export type Target =
  | { type: 'user'; userId: string }
  | { type: 'team'; teamId: string }
  | { type: 'pool' }
  | { type: 'manual' };
export type Rule = {
  id: string;
  position: number;
  channelId: string | null;
  active: boolean;
  conditions: Condition[];
  target: Target;
};

/** The lead as rules see it. */
export type LeadAttributes = {
  interest: string | null;
  region: string | null;
  language: string | null;
  channelId: string | null;
  campaignId: string | null;
  score: number;
  kind: string;
  company: string | null;
  position: string | null;
  temperature: string | null;
  address: { country?: string; region?: string; city?: string; postcode?: string } | null;
  custom: Record<string, unknown>;
  attribution: Record<string, unknown>;
};

/** The first active rule, by position, for the lead's channel (or any channel) whose conditions all hold. */
export function matchRule<R extends Rule>(rules: R[], lead: LeadAttributes): R | undefined {
  return [...rules]
    .sort((a, b) => a.position - b.position || a.id.localeCompare(b.id))
    .find(
      (rule) =>
        rule.active &&
        (rule.channelId === null || rule.channelId === lead.channelId) &&
        evaluateConditions(rule.conditions, lead),
    );
}

export type Candidate = { userId: string; load: number };

/** The rep with the fewest open leads and clients; ties go to the earlier one in the list. */
export function pickLeastLoaded(candidates: Candidate[]): string | undefined {
  let best: Candidate | undefined;
  for (const candidate of candidates) if (!best || candidate.load < best.load) best = candidate;
  return best?.userId;
}

/**
 * The next rep after the one who got the previous lead, in the team's stable member order
 * (`members`), among those available now (`available`).
 */
export function pickRoundRobin(
  members: string[],
  available: string[],
  lastAssigned: string | null,
): string | undefined {
  const free = new Set(available);
  const start = lastAssigned ? members.indexOf(lastAssigned) : -1;
  for (let step = 1; step <= members.length; step++) {
    const candidate = members[(start + step) % members.length];
    if (candidate !== undefined && free.has(candidate)) return candidate;
  }
  return undefined;
}

/** The first task's kind: answer email by email, otherwise call when there is a phone. */
export function firstTaskOf(lead: {
  channelCode: string | null;
  phones: string[];
  emails: string[];
  kind: string;
}): { type: 'call' | 'email'; title: string } {
  const byEmail = lead.channelCode === 'email' || (lead.phones.length === 0 && lead.emails.length > 0);
  if (lead.kind === 'interest') return { type: 'call', title: 'Call to find the contact person' };
  return byEmail ? { type: 'email', title: 'Answer the email' } : { type: 'call', title: 'Call the lead' };
}
