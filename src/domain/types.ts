// Plain data shapes shared by the domain, the store and the HTTP layer. No behaviour here.

export type Address = {
  line1?: string;
  line2?: string;
  streetNumber?: string;
  city?: string;
  postcode?: string;
  region?: string;
  country?: string;
};

export const ATTRIBUTION_KINDS = [
  'partner_key',
  'tracking_phone',
  'promo_code',
  'utm_campaign',
  'utm_source',
  'form_id',
  'referrer_domain',
] as const;
/** The order in which a lead's source is resolved: the first identifier that is known wins. */
export type AttributionKind = (typeof ATTRIBUTION_KINDS)[number];

export type Attribution = {
  utm_source?: string;
  utm_medium?: string;
  utm_campaign?: string;
  utm_content?: string;
  utm_term?: string;
  referrer?: string;
  landingPage?: string;
  promoCode?: string;
  formId?: string;
  partnerKey?: string;
  trackingPhone?: string;
  visitorId?: string;
  /** gclid, yclid, fbclid and similar click ids, kept as sent. */
  clickIds?: Record<string, string>;
  /** Which identifier resolved the channel/campaign, and its value. */
  resolvedBy?: { kind: AttributionKind; value: string };
};

export type Consent = {
  given: boolean;
  text?: string;
  version?: string;
  at?: string;
  source?: string;
  ip?: string;
};

/** A reason why input is not acceptable or a lead is not valid, tied to the field it concerns. */
export type LeadProblem = { field: string; code: string; message: string };

export const SPAM_SIGNAL_CODES = [
  'honeypot',
  'too_fast',
  'flood_ip',
  'flood_contact',
  'disposable_email',
] as const;
export type SpamSignalCode = (typeof SPAM_SIGNAL_CODES)[number];
export type SpamSignal = { code: SpamSignalCode; detail: string };

/**
 * The normalized identity of a person as the duplicate matcher sees it: a flat map from field path
 * (`firstName`, `phones`, `address.postcode`, `custom.soc_sec_id`) to a value or list of values.
 */
export type MatchFields = Record<string, string | string[]>;

/** A person's identifying data after normalization: what is stored on a card and compared for duplicates. */
export type NormalizedPerson = {
  firstName?: string;
  lastName?: string;
  middleName?: string;
  /** Canonical emails (lower-cased, Unicode domain). */
  emails: string[];
  /** E.164 numbers. */
  phones: string[];
  company?: string;
  position?: string;
  address?: Address;
  custom: Record<string, unknown>;
};

/** A card that a duplicate candidate belongs to: a lead or a contact. */
export type CardRef = { type: 'lead'; id: string } | { type: 'contact'; id: string };
