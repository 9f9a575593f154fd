import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  browserMissing,
  CAPTURE_TOKEN,
  type E2EServer,
  type E2EUser,
  launchBrowser,
  logIn,
  openPage,
  screenshot,
  serveSite,
  startServer,
  type TestSite,
  webAppMissing,
} from './harness.ts';
import { untranslatedOn } from './untranslated.ts';

// The rules pages as a head and a marketer use them: what they set up in the browser is what the
// server then does to new leads (owner, score), and the form they define is the one a site shows.

type Rule = {
  id: string;
  name: string;
  position: number;
  conditions: unknown[];
  target: unknown;
  active: boolean;
};
type Lead = { id: string; ownerId: string | null; score: number };
type Form = {
  id: string;
  key: string;
  name: string;
  fields: { name: string; label: { en: string; ru: string }; type: string; required: boolean }[];
  campaignId: string | null;
  allowedOrigins: string[];
};

const skip = browserMissing() ?? webAppMissing();

/** Retries `check` until it stops throwing (the page saves in the background), at most ~5 s. */
async function eventually(check: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await check();
    } catch (error) {
      if (attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe('rules pages', { skip }, () => {
  let server: E2EServer;
  let browser: Browser;
  let site: TestSite;
  const pages: Record<string, string> = {};
  let partners: { id: string; code: string };
  let web: { id: string; code: string };
  let campaign: { id: string; name: string };
  let head: E2EUser;
  let rep: E2EUser;
  let marketer: E2EUser;

  const capture = (payload: Record<string, unknown>) =>
    server.api<{ lead: { id: string } }>('POST', '/api/leads', payload, {
      authorization: `Bearer ${CAPTURE_TOKEN}`,
    });
  const leadOf = (id: string) => server.api<Lead>('GET', `/api/leads/${id}`);
  const rules = async () => (await server.api<{ items: Rule[] }>('GET', '/api/assignment-rules')).items;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    site = await serveSite(pages);
    partners = await server.api('POST', '/api/channels', { code: 'partners', name: 'Partners' });
    web = await server.api('POST', '/api/channels', { code: 'website', name: 'Website' });
    campaign = await server.api('POST', '/api/campaigns', { channelId: web.id, name: 'Autumn promo' });
    // Both channels are routed by rules; a lead no rule takes goes to the pool.
    const routing = await server.api<Record<string, unknown>>('GET', '/api/settings/routing');
    await server.api('PUT', '/api/settings/routing', {
      ...routing,
      channelModes: { [partners.id]: 'rules', [web.id]: 'rules' },
      rulesFallback: 'pool',
    });
    head = await server.createUser('head', { name: 'Hugo Head', locale: 'en' });
    rep = await server.createUser('rep', { name: 'Yuri Partnersky', locale: 'en' });
    marketer = await server.createUser('marketer', { name: 'Mira Marketer', locale: 'en' });
  });

  after(async () => {
    await browser?.close();
    await site?.close();
    await server?.close();
  });

  async function withPage<T>(
    user: E2EUser,
    options: Parameters<Browser['newContext']>[0],
    run: (page: Page, context: BrowserContext) => Promise<T>,
  ): Promise<T> {
    const context = await browser.newContext(options);
    try {
      const { page, dialogs } = await openPage(context);
      await logIn(page, server, user);
      const result = await run(page, context);
      assert.deepEqual(dialogs, [], 'no alert or confirm of the browser');
      return result;
    } finally {
      await context.close();
    }
  }

  test('an assignment rule made in the UI is the rule the server routes by', async () => {
    await withPage(head, {}, async (page) => {
      await page.goto(`${server.baseUrl}/settings/assignment-rules`);
      await page.getByTestId('assignment-empty').waitFor();
      await page.getByTestId('assignment-rule-create').click();
      const dialog = page.getByTestId('assignment-rule-dialog');
      await dialog.getByTestId('condition-add').click();
      const row = dialog.getByTestId('condition-row');
      await row.getByTestId('condition-field').selectOption('channelId');
      await row.getByTestId('condition-op').selectOption('eq');
      await row.getByTestId('condition-value').selectOption({ label: 'Partners' });
      await dialog.getByTestId('rule-user').selectOption(rep.id);
      // No name: the server refuses, and its reason is shown by the name field.
      await dialog.getByTestId('rule-save').click();
      await dialog.getByTestId('field-error-name').waitFor();
      await dialog.getByTestId('rule-name').fill('Partners to Yuri');
      await screenshot(page, 'rules-assignment-dialog');
      await dialog.getByTestId('rule-save').click();
      await dialog.waitFor({ state: 'detached' });
      const shown = page.getByTestId('assignment-rule');
      await shown.filter({ hasText: 'Partners to Yuri' }).waitFor();
      assert.equal(await shown.getByTestId('assignment-rule-when').innerText(), 'Channel is Partners');
      assert.equal(
        await shown.getByTestId('assignment-rule-target').innerText(),
        'Yuri Partnersky gets the lead',
      );

      const [stored] = await rules();
      assert.deepEqual(
        {
          name: stored?.name,
          conditions: stored?.conditions,
          target: stored?.target,
          active: stored?.active,
        },
        {
          name: 'Partners to Yuri',
          conditions: [{ field: 'channelId', op: 'eq', value: partners.id }],
          target: { type: 'user', userId: rep.id },
          active: true,
        },
      );
      const fromPartners = await capture({
        name: 'Pavel Partnerov',
        phone: '+7 912 700-00-01',
        channel: 'partners',
      });
      const fromWeb = await capture({ name: 'Wanda Webova', phone: '+7 912 700-00-02', channel: 'website' });
      assert.equal((await leadOf(fromPartners.lead.id)).ownerId, rep.id, 'the rule gave the lead to Yuri');
      assert.equal((await leadOf(fromWeb.lead.id)).ownerId, null, 'another channel: no rule fits, the pool');

      // A second rule, then the order changed by the buttons: by mouse, then back by keyboard.
      await server.api('POST', '/api/assignment-rules', {
        name: 'Everything else to the pool',
        position: 1000,
        target: { type: 'pool' },
      });
      await page.reload();
      await shown.nth(1).waitFor();
      await page.getByRole('button', { name: 'Move Everything else to the pool up' }).click();
      await eventually(async () =>
        assert.deepEqual(
          (await rules()).map((r) => r.name),
          ['Everything else to the pool', 'Partners to Yuri'],
        ),
      );
      await screenshot(page, 'rules-assignment');
      await page.getByRole('button', { name: 'Move Partners to Yuri up' }).focus();
      await page.keyboard.press('Enter');
      await eventually(async () =>
        assert.deepEqual(
          (await rules()).map((r) => r.name),
          ['Partners to Yuri', 'Everything else to the pool'],
        ),
      );
      assert.equal(
        await page.evaluate(() => document.activeElement?.getAttribute('aria-label')),
        'Move Partners to Yuri down',
        'focus stays on the rule that moved',
      );

      // Delete asks first.
      const last = shown.filter({ hasText: 'Everything else to the pool' });
      await last.getByTestId('assignment-rule-delete').click();
      assert.equal((await rules()).length, 2, 'nothing is deleted before the confirmation');
      await last.getByTestId('assignment-rule-delete-confirm').click();
      await last.waitFor({ state: 'detached' });
      assert.deepEqual(
        (await rules()).map((r) => r.name),
        ['Partners to Yuri'],
      );
    });
  });

  test('a fit rule made in the UI scores new leads as it says', async () => {
    await withPage(marketer, {}, async (page) => {
      await page.goto(`${server.baseUrl}/settings/scoring`);
      await page.getByTestId('scoring-empty-fit').waitFor();
      await page.getByTestId('scoring-create-fit').click();
      const dialog = page.getByTestId('scoring-rule-dialog');
      await dialog.getByTestId('scoring-name').fill('Directors');
      await dialog.getByTestId('scoring-points').fill('25');
      await dialog.getByTestId('condition-add').click();
      const row = dialog.getByTestId('condition-row');
      await row.getByTestId('condition-field').selectOption('position');
      await row.getByTestId('condition-op').selectOption('contains');
      await row.getByTestId('condition-value').fill('director');
      await dialog.getByTestId('scoring-save').click();
      await dialog.waitFor({ state: 'detached' });
      const rule = page.getByTestId('scoring-rule').filter({ hasText: 'Directors' });
      await rule.waitFor();
      assert.equal(await rule.getByTestId('scoring-rule-points').innerText(), '+25 pts');

      const director = await capture({
        name: 'Dina Direktorova',
        phone: '+7 912 700-00-03',
        position: 'Sales Director',
      });
      const intern = await capture({ name: 'Ivan Internov', phone: '+7 912 700-00-04', position: 'Intern' });
      assert.equal((await leadOf(director.lead.id)).score, 25);
      assert.equal((await leadOf(intern.lead.id)).score, 0);

      const all = await server.api<{ items: unknown[] }>('GET', '/api/leads?limit=200');
      await page.getByTestId('scoring-recompute').click();
      await page.getByTestId('recompute-result').filter({ hasText: 'Recomputed' }).waitFor();
      assert.match(
        await page.getByTestId('recompute-result').innerText(),
        new RegExp(`^Recomputed the scores of ${all.items.length} leads\\. 0 leads moved`),
      );
      await screenshot(page, 'rules-scoring');
    });
  });

  test('a form defined in the UI: its copied snippet names it, and a site with it shows its fields', async () => {
    await withPage(marketer, {}, async (page, context) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
      await page.goto(`${server.baseUrl}/settings/forms`);
      await page.getByTestId('forms-empty').waitFor();
      await page.getByTestId('form-create').click();
      const dialog = page.getByTestId('form-create-dialog');
      await dialog.getByTestId('form-create-name').fill('Autumn landing');
      await dialog.getByTestId('form-create-campaign').selectOption({ label: 'Autumn promo' });
      await dialog.getByTestId('form-create-submit').click();

      const editor = page.getByTestId('form-editor');
      await editor.waitFor();
      const fieldRows = editor.getByTestId('form-field-row');
      assert.equal(await fieldRows.count(), 3, 'the default fields: name, phone, email');
      await editor.getByTestId('form-field-add').click();
      const added = fieldRows.nth(3);
      await added.getByTestId('form-field-name').fill('company');
      await added.getByTestId('form-field-label-en').fill('Company');
      await added.getByTestId('form-field-label-ru').fill('Компания');
      await added.getByTestId('form-field-required').check();
      await page.getByRole('button', { name: 'Move Company up' }).click();
      await editor.getByTestId('form-origins').fill(site.origin);
      await editor.getByTestId('form-save').click();
      await editor.getByTestId('form-message').filter({ hasText: 'saved' }).waitFor();

      const { items } = await server.api<{ items: Form[] }>('GET', '/api/forms');
      const form = items.find((f) => f.name === 'Autumn landing');
      assert.ok(form);
      assert.deepEqual(
        form.fields.map((f) => f.name),
        ['name', 'phone', 'company', 'email'],
      );
      assert.deepEqual(form.fields[2], {
        name: 'company',
        label: { en: 'Company', ru: 'Компания' },
        type: 'text',
        required: true,
      });
      assert.equal(form.campaignId, campaign.id);
      assert.deepEqual(form.allowedOrigins, [site.origin]);
      assert.equal(await editor.getByTestId('form-key').innerText(), form.key);
      await page.getByTestId('form-preview').getByText('Company').waitFor();
      await screenshot(page, 'rules-forms-editor');

      const code = page.getByTestId('snippet-code');
      await eventually(async () => assert.match(await code.inputValue(), /data-leadflow-form=/));
      await page.getByTestId('snippet-copy').click();
      await page.getByTestId('snippet-copied').filter({ hasText: 'Copied.' }).waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.ok(copied.includes(`data-leadflow-form="${form.key}"`), copied);
      assert.equal(copied, await code.inputValue());

      await page.getByTestId('form-editor-close').click();
      await page.getByTestId('form-row').filter({ hasText: 'Autumn landing' }).waitFor();
      await screenshot(page, 'rules-forms');

      // The copied code, pasted into a page of the allowed site, shows the form's fields.
      pages['/landing'] =
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Autumn</title></head>' +
        `<body><h1>Autumn promo</h1>\n${copied}</body></html>`;
      await page.goto(`${site.origin}/landing`);
      for (const label of ['Name', 'Phone', 'Company', 'Email']) await page.getByLabel(label).waitFor();
      await screenshot(page, 'rules-forms-site');
    });
  });

  test('on a 375 px wide phone the rules pages need no sideways scrolling', async () => {
    const form = (await server.api<{ items: Form[] }>('GET', '/api/forms')).items[0];
    await withPage(
      head,
      { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true },
      async (page) => {
        for (const path of [
          '/settings/assignment-rules',
          '/settings/scoring',
          '/settings/forms',
          `/settings/forms?form=${form?.id}`,
        ]) {
          await page.goto(`${server.baseUrl}${path}`);
          await page.locator('main h1').waitFor();
          await page.waitForLoadState('networkidle');
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(width <= 375, `${path} is ${width} px wide`);
        }
        await screenshot(page, 'rules-375-form-editor');
      },
    );
  });

  test('the Russian rules pages show no English', async () => {
    const russian = await server.createUser('head', { name: 'Роман Правилов', locale: 'ru' });
    const form = (await server.api<{ items: Form[] }>('GET', '/api/forms')).items[0];
    // What people typed (names of channels, campaigns, users, rules, forms) is left out.
    const users = await server.api<{ items: { name: string }[] }>('GET', '/api/users');
    const typed = [
      'Partners',
      'Website',
      campaign.name,
      'Partners to Yuri',
      'Directors',
      'Autumn landing',
      ...users.items.map((u) => u.name),
    ].sort((a, b) => b.length - a.length);
    const withoutData = (text: string) => typed.reduce((rest, data) => rest.replaceAll(data, ' '), text);
    const problems: string[] = [];
    await withPage(russian, { locale: 'ru-RU' }, async (page) => {
      for (const [path, name] of [
        ['/settings/assignment-rules', 'rules-ru-assignment'],
        ['/settings/scoring', 'rules-ru-scoring'],
        ['/settings/forms', 'rules-ru-forms'],
        [`/settings/forms?form=${form?.id}`, 'rules-ru-form-editor'],
      ] as const) {
        await page.goto(`${server.baseUrl}${path}`);
        await page.locator('main h1').waitFor();
        await page.waitForLoadState('networkidle');
        await screenshot(page, name);
        const text = await page.evaluate(() => {
          const labels = [...document.querySelectorAll('[aria-label],[placeholder],[title]')].map((e) =>
            ['aria-label', 'placeholder', 'title'].map((a) => e.getAttribute(a) ?? '').join(' '),
          );
          return `${document.body.innerText}\n${labels.join(' ')}`;
        });
        const found = untranslatedOn(withoutData(text));
        if (found.length > 0) problems.push(`${path}: ${found.join(', ')}`);
      }
      // The dialogs, too.
      await page.goto(`${server.baseUrl}/settings/assignment-rules`);
      await page.getByTestId('assignment-rule-edit').first().click();
      const dialog = page.getByTestId('assignment-rule-dialog');
      await dialog.waitFor();
      await screenshot(page, 'rules-ru-assignment-dialog');
      const found = untranslatedOn(withoutData(await dialog.innerText()));
      if (found.length > 0) problems.push(`assignment dialog: ${found.join(', ')}`);
    });
    assert.deepEqual(problems, []);
  });
});
