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

// The lead card's duplicates panel and side-by-side merge, the dashboard's distributions, channel
// filter and rep leaderboard, and both in Russian with the timeline's sentences.

type Lead = {
  id: string;
  company: string | null;
  position: string | null;
  emails: string[];
  phones: string[];
  mergedIntoId: string | null;
  inquiries: { id: string }[];
};
type Task = { id: string; leadId: string; status: string };

const skip = browserMissing() ?? webAppMissing();
const MINUTE = 60_000;

describe('insights and duplicates', { skip }, () => {
  let server: E2EServer;
  let browser: Browser;
  let head: E2EUser;
  /** The lead that survived the merge, for the Russian lead card. */
  let mergedLeadId = '';

  const capture = async (payload: Record<string, unknown>) => {
    const { lead } = await server.api<{ lead: { id: string } }>('POST', '/api/leads', payload, {
      authorization: `Bearer ${CAPTURE_TOKEN}`,
    });
    return lead.id;
  };
  const pairsOf = async (leadId: string) =>
    (await server.api<{ items: { id: string }[] }>('GET', `/api/duplicates?leadId=${leadId}`)).items;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    head = await server.createUser('head', { name: 'Hanna Kowalski', locale: 'en' });
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

  test('a head merges two duplicate leads side by side; the lead that stays has both inquiries', async () => {
    // The same phone under two names: an uncertain pair, queued for review.
    const elena = await capture({
      name: 'Elena Kozlova',
      phone: '+7 926 123-45-67',
      company: 'ООО Альфа',
    });
    const dmitry = await capture({
      name: 'Dmitry Kozlov',
      phone: '+7 926 123-45-67',
      email: 'dmitry@kozlov.example',
      company: 'ООО Бета',
      position: 'Директор',
    });
    assert.equal((await pairsOf(elena)).length, 1, 'the pair is in the review queue');

    // Tall enough for the whole dialog in its screenshot.
    await withPage({ viewport: { width: 1280, height: 1100 } }, async (page, dialogs) => {
      await logIn(page, server, head);
      await page.goto(`${server.baseUrl}/leads/${dmitry}`);
      const panel = page.getByTestId('duplicates-panel');
      const pair = panel.getByTestId('duplicate-pair');
      await pair.waitFor();
      assert.match(await pair.innerText(), /Elena Kozlova/);
      assert.match(await pair.getByTestId('duplicate-reasons').innerText(), /Phone matches/);
      assert.match(await pair.getByTestId('duplicate-score').innerText(), /Match score: \d/);

      await pair.getByTestId('duplicate-merge').click();
      const dialog = page.getByTestId('merge-dialog');
      await dialog.getByTestId('merge-table').waitFor();
      assert.equal(await dialog.getByTestId('merge-row-company').getAttribute('data-differs'), 'true');
      assert.equal(await dialog.getByTestId('merge-row-phones').getAttribute('data-differs'), 'false');
      assert.equal(await dialog.getByTestId('merge-company-other').innerText(), 'ООО Альфа');
      // Elena's card stays, with Dmitry's company: a choice against the default.
      await dialog.getByTestId('merge-keep-other').check();
      await dialog.getByTestId('merge-use-company-this').check();
      await screenshot(page, 'insights-merge-dialog');
      await dialog.getByTestId('merge-submit').click();
      await page.waitForURL(`**/leads/${elena}`);
      await page.getByTestId('lead-message').filter({ hasText: 'The leads were merged.' }).waitFor();
      await page.getByTestId('lead-inquiry').nth(1).waitFor();
      assert.deepEqual(dialogs, []);
    });

    const kept = await server.api<Lead>('GET', `/api/leads/${elena}`);
    assert.equal(kept.inquiries.length, 2, 'both inquiries are on the lead that stays');
    assert.equal(kept.company, 'ООО Бета', 'the chosen company');
    assert.equal(kept.position, 'Директор', 'a gap filled from the other card');
    assert.deepEqual(kept.emails, ['dmitry@kozlov.example']);
    assert.equal((await server.api<Lead>('GET', `/api/leads/${dmitry}`)).mergedIntoId, elena);
    const list = await server.api<{ items: { id: string }[] }>('GET', '/api/leads?q=Kozlov');
    assert.deepEqual(
      list.items.map((l) => l.id),
      [elena],
      'one lead is left',
    );
    assert.deepEqual(await pairsOf(elena), [], 'the review is closed');
    mergedLeadId = elena;
  });

  test('a rep sees a pair read-only; a head marks it "not a duplicate"', async () => {
    const rep = await server.createUser('rep', { name: 'Roman Petrov', locale: 'en' });
    const olga = await capture({ name: 'Olga Smirnova', phone: '+7 903 555-00-11' });
    const pavel = await capture({ name: 'Pavel Smirnov', phone: '+7 903 555-00-11' });
    await withPage({ viewport: { width: 375, height: 812 }, isMobile: true }, async (page) => {
      await logIn(page, server, rep);
      await page.goto(`${server.baseUrl}/leads/${olga}`);
      const panel = page.getByTestId('duplicates-panel');
      await panel.getByTestId('duplicate-pair').waitFor();
      assert.match(await panel.innerText(), /Only sales heads and admins merge leads/);
      assert.equal(await panel.getByTestId('duplicate-merge').count(), 0);
      assert.equal(await panel.getByTestId('duplicate-dismiss').count(), 0);
      await screenshot(page, 'insights-375-duplicates');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 375, `the lead card is ${width} px wide`);
    });
    await withPage({}, async (page) => {
      await logIn(page, server, head);
      await page.goto(`${server.baseUrl}/leads/${olga}`);
      const panel = page.getByTestId('duplicates-panel');
      await panel.getByTestId('duplicate-dismiss').click();
      await panel.getByTestId('duplicate-dismiss-confirm').click();
      await panel.getByText('The pair was marked as different people.').waitFor();
    });
    assert.deepEqual(await pairsOf(pavel), [], 'the pair left the queue');
    for (const id of [olga, pavel]) {
      assert.equal((await server.api<Lead>('GET', `/api/leads/${id}`)).mergedIntoId, null);
    }
  });

  test("the dashboard shows a channel's lead time and first response distributions and the rep leaderboard", async () => {
    const channel = await server.api<{ id: string }>('POST', '/api/channels', {
      code: 'direct',
      name: 'Яндекс Директ',
    });
    const rita = await server.createUser('rep', { name: 'Rita Aardvark', locale: 'en' });
    const zoe = await server.createUser('rep', { name: 'Zoe Zebra', locale: 'en' });
    const answered = await capture({ name: 'Irina Answered', phone: '+7 916 000-00-01', channel: 'direct' });
    await capture({ name: 'Oleg Waiting', phone: '+7 916 000-00-02', channel: 'direct' });

    // Rita takes the first lead and does its first task 10 minutes after it came: first response.
    await server.api('POST', `/api/leads/${answered}/claim`, {}, rita.headers);
    const tasks = await server.api<{ items: Task[] }>('GET', `/api/tasks?view=all&leadId=${answered}`);
    const first = tasks.items.find((task) => task.status === 'open');
    assert.ok(first, 'routing made a first task');
    server.clock.advance(10 * MINUTE);
    await server.api('POST', `/api/tasks/${first.id}/complete`, { result: 'Called back' }, rita.headers);
    // Converted two days after it came: lead time 1–3 days.
    server.clock.advance(2 * 24 * 60 * MINUTE);
    await server.api('POST', `/api/leads/${answered}/convert`, { contact: { create: {} } }, rita.headers);

    await withPage({}, async (page) => {
      await logIn(page, server, head);
      await page.goto(`${server.baseUrl}/dashboard`);
      await page.getByTestId('channel-filter').selectOption(channel.id);
      await page.waitForURL(/channel=/);
      const countsOf = async (testId: string) => {
        const table = page.getByTestId(`${testId}-table`);
        await table.waitFor();
        await page.waitForLoadState('networkidle');
        const rows = await table
          .getByTestId('distribution-row')
          .evaluateAll((trs) =>
            trs.map((tr) => [
              tr.getAttribute('data-bucket'),
              tr.querySelector('[data-testid="bucket-count"]')?.textContent,
            ]),
          );
        return Object.fromEntries(rows);
      };
      assert.deepEqual(await countsOf('first-response'), {
        under_5m: '0',
        '5m_15m': '1',
        '15m_1h': '0',
        '1h_4h': '0',
        '4h_1d': '0',
        over_1d: '0',
        unanswered: '1',
      });
      assert.deepEqual(await countsOf('lead-time'), {
        under_1d: '0',
        '1d_3d': '1',
        '3d_7d': '0',
        '1w_2w': '0',
        '2w_4w': '0',
        over_4w: '0',
      });
      // The channel filter reaches the other sections too.
      const channels = page.getByTestId('channel-row');
      await page.waitForLoadState('networkidle');
      assert.equal(await channels.count(), 1);
      assert.match(await channels.innerText(), /Яндекс Директ/);
      assert.equal(await channels.getByTestId('figure-leads').innerText(), '2');

      const board = page.getByTestId('rep-leaderboard');
      const ritaRow = board.getByTestId('rep-row').filter({ hasText: 'Rita Aardvark' });
      await ritaRow.waitFor();
      assert.equal(await ritaRow.getByTestId('rep-received').innerText(), '1');
      assert.equal(await ritaRow.getByTestId('rep-worked').innerText(), '1');
      assert.equal(await ritaRow.getByTestId('rep-firstResponseMedianMinutes').innerText(), '10 min');
      assert.equal(await ritaRow.getByTestId('rep-conversionRate').innerText(), '100%');
      const names = () => board.getByTestId('rep-name').allInnerTexts();
      const order = (list: string[]) => ({
        rita: list.indexOf('Rita Aardvark'),
        zoe: list.indexOf(zoe.name),
      });
      const before = order(await names());
      assert.ok(before.zoe >= 0 && before.rita < before.zoe, 'most leads received first');
      await board.getByTestId('sort-received').click();
      assert.equal(await board.locator('th[aria-sort="ascending"]').count(), 1);
      const then = order(await names());
      assert.ok(then.zoe < then.rita, 'fewest leads received first after a second click');
      await screenshot(page, 'insights-dashboard');

      // On a phone the charts shrink and wide tables scroll inside their own wrapper.
      await page.setViewportSize({ width: 375, height: 812 });
      await page.waitForTimeout(300);
      await screenshot(page, 'insights-375-dashboard');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 375, `the dashboard is ${width} px wide`);
    });
  });

  test('the Russian dashboard and a lead card with its timeline show no English', async () => {
    const russianHead = await server.createUser('head', { name: 'Павел Начальников', locale: 'ru' });
    const problems: string[] = [];
    await withPage({ locale: 'ru-RU' }, async (page) => {
      await logIn(page, server, russianHead);
      for (const [path, name] of [
        ['/dashboard', 'insights-ru-dashboard'],
        [`/leads/${mergedLeadId}`, 'insights-ru-lead-card'],
      ] as const) {
        await page.goto(`${server.baseUrl}${path}`);
        await page.locator('main :is(h1, h2)').first().waitFor();
        await page.waitForLoadState('networkidle');
        await screenshot(page, name);
        // Everything shown, the timeline's sentences included.
        const text = await page.evaluate(() => document.body.innerText);
        const found = untranslatedOn(text);
        if (found.length > 0) problems.push(`${path}: ${found.join(', ')}`);
      }
      const timeline = page.getByTestId('lead-timeline');
      assert.match(await timeline.innerText(), /С этим лидом объединён другой/);
      assert.match(await timeline.innerText(), /Hanna Kowalski/, 'who merged, by name');
    });
    assert.deepEqual(problems, []);
  });
});
