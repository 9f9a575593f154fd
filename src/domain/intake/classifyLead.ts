import type { NormalizedPhone } from '../normalize/phone.ts';
import type { LeadProblem, NormalizedPerson } from '../types.ts';

export type LeadClassification = { kind: 'lead' | 'interest'; valid: boolean; problems: LeadProblem[] };

/**
 * A lead is a specific person (a name) reachable by a valid phone or email. Anything else that was
 * captured is an `interest` to verify: a company with only a switchboard, a phone with no name,
 * a name with only a postal address.
 */
export function classifyLead(person: NormalizedPerson, phones: NormalizedPhone[]): LeadClassification {
  const hasPerson = Boolean(person.firstName || person.lastName);
  const hasContact = person.emails.length > 0 || phones.length > 0;
  if (hasPerson && hasContact) return { kind: 'lead', valid: true, problems: [] };

  const problems: LeadProblem[] = [];
  if (!hasPerson) {
    const onlyLandlines =
      phones.length > 0 &&
      person.emails.length === 0 &&
      phones.every((p) => p.type === 'fixed_line' || p.type === 'toll_free');
    if (person.company && onlyLandlines && phones.every((p) => !p.extension)) {
      problems.push({
        field: 'name',
        code: 'switchboard_only',
        message: 'a company switchboard number with no person: verify who to talk to',
      });
    } else {
      problems.push({ field: 'name', code: 'no_person', message: 'no person named: verify who this is' });
    }
  }
  if (!hasContact) {
    problems.push({ field: 'phone', code: 'no_contact', message: 'no phone or email to reach the person' });
  }
  return { kind: 'interest', valid: false, problems };
}
