import { domainToASCII, domainToUnicode } from 'node:url';
import { disposableEmailBlocklistSet } from 'disposable-email-domains-js';
import { cleanText } from './text.ts';

export type NormalizedEmail = { ok: true; email: string; domain: string; disposable: boolean };
export type EmailProblem = { ok: false; code: 'invalid_email'; message: string };

// Letters and digits of any script are allowed in the local part (RFC 6531), plus the RFC 5322 atext
// punctuation; quoted local parts are not accepted from forms.
const LOCAL_PART = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const ASCII_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
// Built once: the package's own check rebuilds this set of thousands of domains on every call.
const DISPOSABLE_DOMAINS = disposableEmailBlocklistSet();

/** True for a disposable domain or any subdomain of one (x.mailinator.com). */
function isDisposableDomain(asciiDomain: string): boolean {
  const labels = asciiDomain.split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    if (DISPOSABLE_DOMAINS.has(labels.slice(i).join('.'))) return true;
  }
  return false;
}

/**
 * Validates and canonicalizes an email: lower-cased, the domain in its Unicode form (IDN), so that
 * `Ivan@ПРИМЕР.РФ` and `ivan@xn--e1afmkfd.xn--p1ai` are one address.
 */
export function normalizeEmail(input: unknown): NormalizedEmail | EmailProblem {
  const text = cleanText(input)?.replace(/^mailto:/i, '');
  if (!text) return { ok: false, code: 'invalid_email', message: 'is empty' };
  if (text.length > 254)
    return { ok: false, code: 'invalid_email', message: 'is longer than 254 characters' };
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) {
    return { ok: false, code: 'invalid_email', message: 'is not an email address (name@domain expected)' };
  }
  const local = text.slice(0, at).toLowerCase();
  const asciiDomain = domainToASCII(
    text
      .slice(at + 1)
      .replace(/\.$/, '')
      .toLowerCase(),
  );
  if (local.length > 64 || !LOCAL_PART.test(local)) {
    return { ok: false, code: 'invalid_email', message: 'has an invalid part before @' };
  }
  const labels = asciiDomain.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (!asciiDomain || labels.length < 2 || !labels.every((l) => ASCII_LABEL.test(l)) || /^\d+$/.test(tld)) {
    return { ok: false, code: 'invalid_email', message: 'has an invalid domain' };
  }
  const domain = domainToUnicode(asciiDomain);
  return { ok: true, email: `${local}@${domain}`, domain, disposable: isDisposableDomain(asciiDomain) };
}
