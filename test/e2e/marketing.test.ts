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
  startServer,
  webAppMissing,
} from './harness.ts';
import { untranslatedOn } from './untranslated.ts';

// The marketing pages as a marketer uses them: a channel and a CPC campaign made through the UI,
// a day of clicks typed in and corrected, an ad cabinet CSV imported with a column mapping, and the
// economics table showing the CPL of the campaign's lead. Also: the pages in Russian, and on a phone.

type Channel = { id: string; code: string; name: string; origin: string | null; tracking: unknown[] };
type Campaign = {
  id: string;
  channelId: string;
  name: string;
  pricingModel: string;
  price: string | null;
  currency: string;
  tracking: { kind: string; value: string }[];
};
type Stat = { day: string; impressions: number; clicks: number; spend: string | null; source: string };

const skip = browserMissing() ?? webAppMissing();

/** A calendar day `days` before today, in this machine's time zone (the browser's too). */
function daysAgo(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() - days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

describe('marketing pages', { skip }, () => {
  let server: E2EServer;
  let browser: Browser;
  let marketer: E2EUser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    marketer = await server.createUser('marketer', { name: 'Marta Marketer', locale: 'en' });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function withPage<T>(
    options: Parameters<Browser['newContext']>[0],
    run: (page: Page, dialogs: string[], context: BrowserContext) => Promise<T>,
  ): Promise<T> {
    const context = await browser.newContext(options);
    try {
      const { page, dialogs } = await openPage(context);
      return await run(page, dialogs, context);
    } finally {
      await context.close();
    }
  }

  test('a marketer sets up a CPC campaign, enters and imports its costs, and sees the CPL of its lead', async () => {
    await withPage({}, async (page, dialogs) => {
      await logIn(page, server, marketer);

      // A channel, with its code suggested from the name and a UTM source.
      await page.goto(`${server.baseUrl}/channels`);
      await page.getByTestId('channels-empty').waitFor();
      await page.getByTestId('channel-new').click();
      const channelDialog = page.getByTestId('channel-dialog');
      await channelDialog.getByLabel('Name').fill('Search ads');
      assert.equal(await channelDialog.getByLabel('Code').inputValue(), 'search-ads');
      await channelDialog.getByLabel('Origin').selectOption('nets');
      await channelDialog.getByTestId('tracking-add').click();
      await channelDialog.getByTestId('tracking-kind').selectOption('utm_source');
      await channelDialog.getByTestId('tracking-value').fill('yandex');
      await channelDialog.getByTestId('channel-save').click();
      await page.getByTestId('channel-row').filter({ hasText: 'Search ads' }).waitFor();
      await screenshot(page, 'marketing-channels');
      const channels = await server.api<{ items: Channel[] }>('GET', '/api/channels');
      assert.deepEqual(
        channels.items.map((c) => [c.name, c.code, c.origin, c.tracking]),
        [['Search ads', 'search-ads', 'nets', [{ kind: 'utm_source', value: 'yandex' }]]],
      );
      const channelId = channels.items[0]?.id;

      // A CPC campaign in it, tagged by a UTM campaign value.
      await page.goto(`${server.baseUrl}/campaigns`);
      await page.getByTestId('campaigns-empty').waitFor();
      await page.getByTestId('campaign-new').click();
      const campaignDialog = page.getByTestId('campaign-dialog');
      await campaignDialog.getByLabel('Name', { exact: true }).fill('Spring search');
      await campaignDialog.getByLabel('Channel').selectOption({ label: 'Search ads' });
      await campaignDialog.getByLabel('Pricing model').selectOption('cpc');
      await campaignDialog.getByLabel('Price per click').fill('60');
      await campaignDialog.getByLabel('Currency').fill('RUB');
      await campaignDialog.getByTestId('tracking-add').click();
      await campaignDialog.getByTestId('tracking-value').fill('spring_search');
      await screenshot(page, 'marketing-campaign-form');
      await campaignDialog.getByTestId('campaign-save').click();
      await page.getByTestId('campaign-row').filter({ hasText: 'Spring search' }).waitFor();
      await screenshot(page, 'marketing-campaigns');
      const campaigns = await server.api<{ items: Campaign[] }>('GET', '/api/campaigns');
      assert.equal(campaigns.items.length, 1);
      const campaign = campaigns.items[0] as Campaign;
      assert.deepEqual(
        [campaign.name, campaign.channelId, campaign.pricingModel, Number(campaign.price), campaign.currency],
        ['Spring search', channelId, 'cpc', 60, 'RUB'],
      );
      assert.deepEqual(campaign.tracking, [{ kind: 'utm_campaign', value: 'spring_search' }]);

      // A day of clicks typed in, then corrected: no spend stated, so it costs clicks × 60.
      const statsOf = async () =>
        (await server.api<{ items: Stat[] }>('GET', `/api/campaigns/${campaign.id}/stats`)).items;
      await page.getByRole('link', { name: 'Spring search' }).click();
      await page.getByTestId('stats-empty').waitFor();
      await page.getByTestId('stat-add').click();
      const statDialog = page.getByTestId('stat-dialog');
      await statDialog.getByLabel('Day').fill(daysAgo(1));
      await statDialog.getByLabel('Clicks').fill('50');
      await statDialog.getByTestId('stat-save').click();
      await page.getByTestId('stat-row').waitFor();
      assert.deepEqual(
        (await statsOf()).map((s) => [s.day, s.clicks, s.spend, s.source]),
        [[daysAgo(1), 50, null, 'manual']],
      );
      await page
        .getByTestId('stat-row')
        .getByRole('button', { name: /^Edit the row/ })
        .click();
      await statDialog.getByLabel('Clicks').fill('40');
      await statDialog.getByTestId('stat-save').click();
      await statDialog.waitFor({ state: 'detached' });
      await page.getByTestId('stat-row').filter({ hasText: '40' }).waitFor();
      assert.deepEqual(
        (await statsOf()).map((s) => [s.day, s.clicks]),
        [[daysAgo(1), 40]],
      );
      await screenshot(page, 'marketing-campaign-stats');

      // An ad cabinet export whose day and impressions columns have names no guess knows; line 4 is bad.
      const csv = [
        'When,Campaign,Views,Clicks,Cost',
        `${daysAgo(2)},spring_search,1000,100,1500.50`,
        `${daysAgo(3)},Spring search,800,80,1200`,
        'yesterday,Spring search,5,5,5',
      ].join('\n');
      await page.goto(`${server.baseUrl}/campaigns?tab=import`);
      await page.getByTestId('import-file').setInputFiles({
        name: 'direct.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      });
      await page.getByTestId('import-preview').waitFor();
      assert.equal(await page.getByTestId('import-start').isDisabled(), true, 'no day column is mapped yet');
      await page.getByTestId('map-day').selectOption('When');
      await page.getByTestId('map-impressions').selectOption('Views');
      await page.getByTestId('preview-row').nth(1).waitFor();
      assert.deepEqual(
        await page
          .getByTestId('preview-row')
          .evaluateAll((rows) => rows.map((row) => row.querySelector('td')?.textContent)),
        ['2', '3'],
      );
      const previewProblem = page.getByTestId('import-preview').getByTestId('import-problem');
      assert.equal(await previewProblem.getAttribute('data-line'), '4');
      await screenshot(page, 'marketing-import-preview');

      // Progress polls are held back a moment, so the bar is seen while the server writes.
      const pollUrl = /\/api\/cost-imports\/[0-9a-f-]{36}$/;
      await page.route(pollUrl, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 700));
        await route.continue();
      });
      await page.getByTestId('import-start').click();
      const progress = page.getByTestId('import-progress');
      await progress.waitFor();
      assert.match(await progress.getByTestId('import-progress-label').innerText(), /Uploading|Importing/);
      assert.equal(await progress.getByRole('progressbar').count(), 1);
      assert.equal(
        await progress.getByLabel(/Uploading|Importing/).evaluate((el) => el.tagName),
        'PROGRESS',
        'the bar is labelled',
      );
      await screenshot(page, 'marketing-import-progress');
      const result = page.getByTestId('import-result');
      await result.waitFor();
      await page.unroute(pollUrl);
      assert.equal(await result.getByTestId('import-summary').innerText(), 'Imported 2 of 3 rows.');
      const badLine = result.getByTestId('import-problem');
      assert.equal(await badLine.count(), 1);
      assert.match(await badLine.innerText(), /line 4\s+When\s+"yesterday" is not a date/);
      await page.getByTestId('import-history-item').filter({ hasText: 'direct.csv' }).waitFor();
      await screenshot(page, 'marketing-import-result');
      const stored = (await statsOf()).filter((s) => s.source === 'import');
      assert.deepEqual(
        stored.map((s) => [s.day, s.impressions, s.clicks, s.spend]),
        [
          [daysAgo(3), 800, 80, '1200.00'],
          [daysAgo(2), 1000, 100, '1500.50'],
        ],
      );

      // A lead with the campaign's UTM value: one lead, CPL = spend / leads.
      const { lead } = await server.api<{ lead: { id: string } }>(
        'POST',
        '/api/leads',
        { name: 'Vera Pokupkina', phone: '+7 912 555-77-88', utm_campaign: 'spring_search' },
        { authorization: `Bearer ${CAPTURE_TOKEN}` },
      );
      const captured = await server.api<{ campaignId: string | null }>('GET', `/api/leads/${lead.id}`);
      assert.equal(captured.campaignId, campaign.id);
      const spend = 40 * 60 + 1500.5 + 1200;
      const leads = 1;
      const money = new Intl.NumberFormat('en-US', {
        style: 'currency',
        currency: 'RUB',
        maximumFractionDigits: 2,
      });

      await page.goto(`${server.baseUrl}/campaigns?tab=economics`);
      const row = page.locator(`[data-testid="economics-row"][data-campaign-id="${campaign.id}"]`);
      await row.waitFor();
      assert.equal(await row.getByTestId('figure-leads').innerText(), '1');
      assert.equal(await row.getByTestId('figure-clicks').innerText(), '220');
      assert.equal(await row.getByTestId('figure-spend').innerText(), money.format(spend));
      assert.equal(await row.getByTestId('figure-cpl').innerText(), money.format(spend / leads));
      assert.equal(await row.getByTestId('figure-cac').innerText(), 'n/a', 'no customers yet');
      await page.getByTestId('sort-cpl').click();
      assert.equal(
        await page.locator('th', { has: page.getByTestId('sort-cpl') }).getAttribute('aria-sort'),
        'descending',
      );
      const csvHref = await page.getByTestId('economics-csv').getAttribute('href');
      const download = await page.request.get(`${server.baseUrl}${csvHref}`);
      assert.equal(download.status(), 200);
      assert.match(await download.text(), /Spring search/);
      await screenshot(page, 'marketing-economics');
      assert.deepEqual(dialogs, []);
    });
  });

  test('the marketing pages in Russian show no English, and fit a 375 px phone', async () => {
    const russian = await server.createUser('marketer', { name: 'Мария Маркетова', locale: 'ru' });
    const campaigns = await server.api<{ items: Campaign[] }>('GET', '/api/campaigns');
    const channels = await server.api<{ items: Channel[] }>('GET', '/api/channels');
    const campaignId = campaigns.items[0]?.id;
    assert.ok(campaignId, 'the first test made a campaign');
    // Names and identifiers people typed, and the server's English reasons, are not the UI's words.
    const typed = [
      ...campaigns.items.flatMap((c) => [c.name, ...c.tracking.map((t) => t.value)]),
      ...channels.items.map((c) => c.name),
      'direct.csv',
    ].sort((a, b) => b.length - a.length);
    const visits: [string, string][] = [
      ['/channels', 'marketing-ru-channels'],
      ['/campaigns', 'marketing-ru-campaigns'],
      [`/campaigns?id=${campaignId}`, 'marketing-ru-campaign'],
      ['/campaigns?tab=economics', 'marketing-ru-economics'],
      ['/campaigns?tab=import', 'marketing-ru-import'],
    ];
    const problems: string[] = [];
    const textOf = (page: Page) =>
      page.evaluate(() => {
        for (const node of document.querySelectorAll<HTMLElement>('[lang="en"]')) node.style.display = 'none';
        const labels = [...document.querySelectorAll('[aria-label],[placeholder],[title]')].map((e) =>
          ['aria-label', 'placeholder', 'title'].map((a) => e.getAttribute(a) ?? '').join(' '),
        );
        return `${document.body.innerText}\n${labels.join(' ')}`;
      });
    const check = async (page: Page, where: string) => {
      const text = typed.reduce((rest, name) => rest.replaceAll(name, ' '), await textOf(page));
      const found = untranslatedOn(text);
      if (found.length > 0) problems.push(`${where}: ${found.join(', ')}`);
    };

    await withPage({ locale: 'ru-RU' }, async (page) => {
      await logIn(page, server, russian);
      for (const [path, name] of visits) {
        await page.goto(`${server.baseUrl}${path}`);
        await page.locator('main :is(h1, h2)').first().waitFor();
        await page.waitForLoadState('networkidle');
        await screenshot(page, name);
        await check(page, path);
      }
      assert.match(await page.locator('main h1').innerText(), /Кампании/);
      // The forms and the import's preview, in Russian too.
      await page.goto(`${server.baseUrl}/campaigns`);
      await page.getByTestId('campaign-new').click();
      await page.getByTestId('campaign-dialog').waitFor();
      await check(page, 'campaign form');
      await page.goto(`${server.baseUrl}/channels`);
      await page.getByTestId('channel-new').click();
      const channelDialog = page.getByTestId('channel-dialog');
      await channelDialog.waitFor();
      await check(page, 'channel form');
      // The server's reason comes in the page's language: the web app asks for it.
      const takenCode = channels.items[0]?.code as string;
      await channelDialog.locator('input[name="name"]').fill('Ещё один канал');
      await channelDialog.locator('input[name="code"]').fill(takenCode);
      await channelDialog.getByTestId('channel-save').click();
      await channelDialog.getByText('уже используется другим каналом').waitFor();
      await check(page, 'channel form with the server reason');
      await page.goto(`${server.baseUrl}/campaigns?id=${campaignId}`);
      await page.getByTestId('stat-add').click();
      await page.getByTestId('stat-dialog').waitFor();
      await check(page, 'day form');
      await page.goto(`${server.baseUrl}/campaigns?tab=import`);
      await page.getByTestId('import-file').setInputFiles({
        name: 'direct.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('Дата;Кампания;Клики;Расход\n01.03.2026;Spring search;10;100,50\n'),
      });
      await page.getByTestId('preview-row').waitFor();
      await check(page, 'import preview');
      await screenshot(page, 'marketing-ru-import-preview');
    });
    assert.deepEqual(problems, []);

    await withPage(
      { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true },
      async (page) => {
        await logIn(page, server, marketer);
        const phonePages: [string, string][] = [
          ['/channels', 'marketing-375-channels'],
          ['/campaigns', 'marketing-375-campaigns'],
          [`/campaigns?id=${campaignId}`, 'marketing-375-campaign'],
          ['/campaigns?tab=import', 'marketing-375-import'],
          ['/campaigns?tab=economics', 'marketing-375-economics'],
        ];
        for (const [path, name] of phonePages) {
          await page.goto(`${server.baseUrl}${path}`);
          await page.locator('main :is(h1, h2)').first().waitFor();
          await page.waitForLoadState('networkidle');
          await screenshot(page, name);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(width <= 375, `${path} is ${width} px wide`);
        }
        await page.goto(`${server.baseUrl}/campaigns`);
        await page.getByTestId('campaign-new').click();
        await page.getByTestId('tracking-add').click();
        const dialogWidth = await page
          .getByTestId('campaign-dialog')
          .evaluate((dialog) => [dialog.scrollWidth, dialog.clientWidth]);
        assert.ok(
          (dialogWidth[0] ?? 0) <= (dialogWidth[1] ?? 0),
          `the form is ${dialogWidth.join(' > ')} px`,
        );
        await screenshot(page, 'marketing-375-campaign-form');
      },
    );
  });
});
