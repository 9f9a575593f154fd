import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import {
  browserMissing,
  type E2EServer,
  embedForm,
  launchBrowser,
  openPage,
  screenshot,
  serveSite,
  startServer,
  type TestSite,
} from './harness.ts';

// The capture form embedded in another site: a page on its own loopback port loads the widget
// from the leadflow server, as a customer's landing page would.

type Lead = {
  id: string;
  fullName: string | null;
  emails: string[];
  phones: string[];
  spam: boolean;
  spamSignals: { code: string }[];
  campaignId: string | null;
  attribution: Record<string, string>;
  consent: { given: boolean; text?: string } | null;
};

const skip = browserMissing();
const XSS_NAME = '<img src=x onerror=alert(1)>';

describe('embeddable capture form', { skip }, () => {
  let server: E2EServer;
  let browser: Browser;
  let site: TestSite;
  let otherSite: TestSite;
  let campaignId: string;
  let formKey: string;

  /** Leads whose name, email or phone matches `q`, newest first. */
  const leadsMatching = async (q: string) =>
    (await server.api<{ items: Lead[] }>('GET', `/api/leads?q=${encodeURIComponent(q)}`)).items;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const embedded = await embedForm(server, {
      successMessage: { en: 'Thank you, {name}! We will call you soon.', ru: 'Спасибо, {name}!' },
    });
    ({ site, campaignId, formKey } = embedded);
    // The same pages on another port: an origin the form does not allow.
    otherSite = await serveSite(embedded.pages);
    embedded.pages['/revoked'] = (embedded.pages['/landing'] ?? '').replace(
      `data-token="${embedded.token}"`,
      'data-token="revoked-token"',
    );
  });

  after(async () => {
    await browser?.close();
    await site?.close();
    await otherSite?.close();
    await server?.close();
  });

  async function withContext<T>(
    options: Parameters<Browser['newContext']>[0],
    run: (context: BrowserContext) => Promise<T>,
  ): Promise<T> {
    const context = await browser.newContext(options);
    try {
      return await run(context);
    } finally {
      await context.close();
    }
  }

  test('a visitor sends the form; the lead has the page UTM tags, referrer, visitor id and campaign', async () => {
    await withContext({}, async (context) => {
      const { page, dialogs } = await openPage(context);
      const landing = `${site.origin}/landing?utm_source=newsletter&utm_medium=email&utm_campaign=spring-2026`;
      await page.goto(landing, { referer: 'https://search.example/?q=sale' });
      await page.getByLabel('Name').fill('Marina Volkova');
      await page.getByLabel('I agree to the processing').check();
      await screenshot(page, 'widget-filled');

      // Only a name: the server asks for a phone or an email, and the widget says so by the field.
      server.clock.advance(5_000);
      await page.getByRole('button', { name: 'Send' }).click();
      const phoneError = page.locator('[data-field="phone"] .lf-error');
      await phoneError.filter({ hasText: 'phone or an email' }).waitFor();
      assert.equal(await page.getByLabel('Phone').getAttribute('aria-invalid'), 'true');
      assert.match((await page.getByRole('status').first().textContent()) ?? '', /correct the marked fields/);
      await screenshot(page, 'widget-field-error');

      await page.getByLabel('Phone').fill('8 (912) 555-01-23');
      await page.getByLabel('Email').fill('marina@volkova.example');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByText('Thank you, Marina Volkova! We will call you soon.').waitFor();
      await screenshot(page, 'widget-sent');
      const visitorId = await page.evaluate(() => localStorage.getItem('leadflow_visitor_id'));

      const [lead] = await leadsMatching('marina@volkova.example');
      assert.ok(lead, 'the lead is stored');
      assert.equal(lead.fullName, 'Marina Volkova');
      assert.deepEqual(lead.phones, ['+79125550123']);
      assert.equal(lead.campaignId, campaignId, 'the form key resolves the campaign');
      assert.equal(lead.spam, false, JSON.stringify(lead.spamSignals));
      assert.equal(lead.consent?.given, true);
      assert.equal(
        lead.consent?.text,
        'I agree to the processing of my personal data to answer this request.',
      );
      assert.deepEqual(
        {
          utm_source: lead.attribution.utm_source,
          utm_medium: lead.attribution.utm_medium,
          utm_campaign: lead.attribution.utm_campaign,
          formId: lead.attribution.formId,
          landingPage: lead.attribution.landingPage,
          referrer: lead.attribution.referrer,
          visitorId: lead.attribution.visitorId,
        },
        {
          utm_source: 'newsletter',
          utm_medium: 'email',
          utm_campaign: 'spring-2026',
          formId: formKey,
          landingPage: landing,
          referrer: 'https://search.example/?q=sale',
          visitorId,
        },
      );
      assert.match(visitorId ?? '', /^[0-9a-f]{32}$/);
      assert.deepEqual(dialogs, []);
    });
  });

  test('a form sent faster than a person could fill it is kept but flagged as spam', async () => {
    await withContext({}, async (context) => {
      const { page } = await openPage(context);
      await page.goto(`${site.origin}/landing`);
      await page.getByLabel('Name').fill('Quick Robot');
      await page.getByLabel('Email').fill('quick@robot.example');
      await page.getByLabel('I agree to the processing').check();
      // The server clock does not move: 0 s between showing and sending, under the 3 s minimum.
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByText('Thank you, Quick Robot!').waitFor();
      const [lead] = await leadsMatching('quick@robot.example');
      assert.equal(lead?.spam, true);
      assert.deepEqual(
        lead?.spamSignals.map((s) => s.code),
        ['too_fast'],
      );
    });
  });

  test('a robot that fills the hidden field is kept but flagged as spam', async () => {
    await withContext({}, async (context) => {
      const { page } = await openPage(context);
      await page.goto(`${site.origin}/landing`);
      await page.getByLabel('Name').fill('Form Robot');
      await page.getByLabel('Email').fill('form@robot.example');
      await page.getByLabel('I agree to the processing').check();
      // People never see the field; robots fill every input they find.
      await page.locator('input[name="honeypot"]').evaluate((input: HTMLInputElement) => {
        input.value = 'https://spam.example';
      });
      server.clock.advance(5_000);
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByText('Thank you, Form Robot!').waitFor();
      const [lead] = await leadsMatching('form@robot.example');
      assert.deepEqual(
        lead?.spamSignals.map((s) => s.code),
        ['honeypot'],
      );
    });
  });

  test('the form speaks the page language', async () => {
    await withContext({}, async (context) => {
      const { page } = await openPage(context);
      await page.goto(`${site.origin}/ru`);
      await page.getByLabel('Телефон').waitFor();
      assert.ok(await page.getByRole('button', { name: 'Отправить' }).isVisible());
      assert.ok(await page.getByText('Я согласен на обработку').isVisible());
      await screenshot(page, 'widget-ru');
    });
  });

  test('a site the form does not allow gets no CORS: the widget says it cannot load, posts fail', async () => {
    await withContext({}, async (context) => {
      const { page } = await openPage(context);
      const before = (await leadsMatching('blocked@elsewhere.example')).length;
      await page.goto(`${otherSite.origin}/landing`);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.equal(await alert.textContent(), 'The form could not be loaded. Please try again later.');
      await screenshot(page, 'widget-origin-not-allowed');

      // A script of that site posting directly is stopped by the browser too.
      const outcome = await page.evaluate(async (base) => {
        try {
          const response = await fetch(`${base}/api/leads`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: 'Bearer any' },
            body: JSON.stringify({ name: 'Blocked Person', email: 'blocked@elsewhere.example' }),
          });
          return `status ${response.status}`;
        } catch (error) {
          return (error as Error).name;
        }
      }, server.baseUrl);
      assert.equal(outcome, 'TypeError');
      assert.equal((await leadsMatching('blocked@elsewhere.example')).length, before);
    });
  });

  test('a refused token is reported as a set-up problem, on an allowed site', async () => {
    await withContext({}, async (context) => {
      const { page } = await openPage(context);
      await page.goto(`${site.origin}/revoked`);
      await page.getByLabel('Name').fill('Olga Refused');
      await page.getByLabel('Email').fill('olga@refused.example');
      await page.getByLabel('I agree to the processing').check();
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByText('This form is not set up correctly: the server refused it.').waitFor();
      assert.deepEqual(await leadsMatching('olga@refused.example'), []);
    });
  });

  test('without JavaScript the plain form posts the lead', async () => {
    await withContext({ javaScriptEnabled: false }, async (context) => {
      const { page } = await openPage(context);
      await page.goto(`${site.origin}/landing`);
      await page.getByLabel('Name').fill('Nikolai Plain');
      await page.getByLabel('Phone').fill('+7 912 555-77-88');
      await page.getByLabel('I agree to the processing').check();
      await screenshot(page, 'widget-noscript');
      await Promise.all([
        page.waitForURL(/\/api\/leads\?token=/),
        page.getByRole('button', { name: 'Send' }).click(),
      ]);
      await page.getByText('Thank you, Nikolai Plain! We will call you soon.').waitFor();
      await screenshot(page, 'widget-noscript-sent');

      const [lead] = await leadsMatching('+79125557788');
      assert.equal(lead?.fullName, 'Nikolai Plain');
      assert.equal(lead?.campaignId, campaignId);
      assert.equal(lead?.attribution.formId, formKey);
      assert.equal(lead?.consent?.given, true);
    });
  });

  test('a name written as HTML stays text: shown literally, and no script runs', async () => {
    await withContext({}, async (context) => {
      const { page, dialogs } = await openPage(context);
      await page.goto(`${site.origin}/landing`);
      await page.getByLabel('Name').fill(XSS_NAME);
      await page.getByLabel('Email').fill('xss@attacker.example');
      await page.getByLabel('I agree to the processing').check();
      server.clock.advance(5_000);
      await page.getByRole('button', { name: 'Send' }).click();
      const success = page.locator('.lf-success');
      await success.waitFor();
      assert.equal(await success.textContent(), `Thank you, ${XSS_NAME}! We will call you soon.`);
      assert.equal(await page.locator('[data-leadflow-form] img').count(), 0);
      await screenshot(page, 'widget-xss-name');
      assert.deepEqual(dialogs, []);
      const [lead] = await leadsMatching('xss@attacker.example');
      assert.ok(lead, 'the lead is stored');
    });
  });
});
