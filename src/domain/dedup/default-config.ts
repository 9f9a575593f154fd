import type { MatcherConfig } from './config.ts';

/**
 * The matcher for real leads. A shared email (16) or phone (15) alone attaches; a phone that agrees
 * only in its last 7+ digits (8) needs a name to agree to attach; a full name alone (9) is not even
 * worth a review (namesakes), a name plus a city or company is. A clearly different first or last
 * name vetoes attaching (families and switchboards share contacts): such pairs go to review.
 */
export const DEFAULT_MATCHER_CONFIG: MatcherConfig = {
  thresholds: { attach: 15, review: 10 },
  maxCandidates: 15,
  maxReviews: 3,
  rules: [
    { kind: 'exact', name: 'email', field: 'emails', agree: 16, disagree: -2 },
    { kind: 'phone', name: 'phone', field: 'phones', agree: 15, partial: 8, disagree: -2, tailDigits: 7 },
    {
      kind: 'personName',
      name: 'name',
      first: { field: 'firstName', agree: 4, partial: 2, disagree: -3 },
      last: { field: 'lastName', agree: 5, partial: 2.5, disagree: -3 },
      middle: { field: 'middleName', agree: 2, partial: 1, disagree: -2 },
      similarity: 0.88,
      swappedPenalty: 0.5,
    },
    {
      kind: 'text',
      name: 'company',
      field: 'company',
      agree: 3,
      partial: 1.5,
      disagree: -1,
      similarity: 0.9,
    },
    {
      kind: 'code',
      name: 'postcode',
      field: 'address.postcode',
      agree: 2,
      partial: 0.5,
      disagree: -0.5,
      maxEdits: 1,
    },
    {
      kind: 'text',
      name: 'street',
      field: 'address.line1',
      agree: 2,
      partial: 1,
      disagree: -0.5,
      similarity: 0.9,
    },
    {
      kind: 'code',
      name: 'house',
      field: 'address.streetNumber',
      agree: 1,
      partial: 0,
      disagree: -0.5,
      maxEdits: 0,
    },
    {
      kind: 'text',
      name: 'city',
      field: 'address.city',
      agree: 1.5,
      partial: 0.5,
      disagree: -1,
      similarity: 0.9,
    },
  ],
  vetoAttachOn: ['name.first', 'name.last'],
  blocking: [
    { prefix: 'e', parts: [{ field: 'emails', transform: 'value' }] },
    { prefix: 'p', parts: [{ field: 'phones', transform: 'value' }] },
    // The local number without country and area code finds +7 916 123-45-67 from 8 916 123-45-67 or 123-45-67.
    { prefix: 't', parts: [{ field: 'phones', transform: 'digits', last: 7 }], minLength: 7 },
    {
      prefix: 'n',
      parts: [
        { field: 'firstName', transform: 'phonetic' },
        { field: 'lastName', transform: 'phonetic' },
      ],
      unordered: true,
      minLength: 4,
      weak: true,
    },
    {
      prefix: 'nc',
      parts: [
        { field: 'lastName', transform: 'phonetic' },
        { field: 'company', transform: 'value', first: 12 },
      ],
      minLength: 5,
    },
  ],
};
