import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  browserMissing,
  CAPTURE_TOKEN,
  type E2EServer,
  type E2EUser,
  type EmbeddedForm,
  embedForm,
  launchBrowser,
  logIn,
  openPage,
  screenshot,
  startServer,
  webAppMissing,
} from './harness.ts';
import { untranslatedOn } from './untranslated.ts';

// The web app as a sales rep uses it: log in, take a lead from the pool, do the first task and set
// the next, convert. Also: the Russian UI has no English left on its main pages, a phone-sized
// screen shows the lead card without sideways scrolling, and a name written as HTML stays text.

type LeadDetail = { id: string; status: string; ownerId: string | null; firstResponseAt: string | null };
type Task = { id: string; title: string; status: string; leadId: string };

const skip = browserMissing() ?? webAppMissing();
const XSS_NAME = '<img src=x onerror=alert(1)>';
/** The title a rep types for the next task: text people type stays as typed, in any language. */
const TYPED_TASK_TITLE = 'Send the offer';

describe('web app', { skip }, () => {
  let server: E2EServer;
  let browser: Browser;
  let embedded: EmbeddedForm;

  const capture = (payload: Record<string, unknown>) =>
    server.api<{ lead: { id: string } }>('POST', '/api/leads', payload, {
      authorization: `Bearer ${CAPTURE_TOKEN}`,
    });

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    embedded = await embedForm(server, {
      successMessage: { en: 'Thank you, {name}!', ru: 'Спасибо, {name}!' },
    });
  });

  after(async () => {
    await browser?.close();
    await embedded?.site.close();
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

  test('a rep takes a lead from the pool, does the first task, sets the next and converts it', async () => {
    const rep = await server.createUser('rep', { name: 'Rita Repina', locale: 'en' });
    const head = await server.createUser('head', { name: 'Hanna Head', locale: 'en' });
    const { lead } = await capture({
      name: 'Svetlana Orlova',
      phone: '+7 912 555-10-20',
      company: 'Orlova LLC',
    });
    // The head's dashboard: the funnel's "Converted" count, read from the page as shown.
    const convertedOnDashboard = () =>
      withPage({}, async (page) => {
        await logIn(page, server, head);
        await page.goto(`${server.baseUrl}/dashboard`);
        const row = page.getByTestId('funnel-stage').filter({ hasText: 'Converted' });
        await row.waitFor();
        return Number((await row.getByTestId('figure-stage-count').innerText()).replace(/\D/g, ''));
      });
    const convertedBefore = await convertedOnDashboard();
    await withPage({}, async (page, dialogs) => {
      await logIn(page, server, rep);
      await page.getByRole('link', { name: 'Svetlana Orlova' }).waitFor();
      await screenshot(page, 'web-leads');
      await page.getByRole('link', { name: 'Svetlana Orlova' }).click();
      await page.getByTestId('lead-card').waitFor();
      await screenshot(page, 'web-lead-card');

      await page.getByTestId('claim-button').click();
      await page.getByTestId('lead-message').filter({ hasText: 'The lead is yours now.' }).waitFor();
      const firstTask = page.getByTestId('task-item').first();
      await firstTask.waitFor();
      await firstTask.locator('textarea[name="result"]').fill('Called: wants an offer for 20 seats.');
      await firstTask.locator('input[name="nextTitle"]').fill(TYPED_TASK_TITLE);
      await firstTask.getByTestId('task-complete-submit').click();
      await page.getByTestId('task-item').filter({ hasText: TYPED_TASK_TITLE }).waitFor();
      await screenshot(page, 'web-lead-tasks');

      const worked = await server.api<LeadDetail>('GET', `/api/leads/${lead.id}`);
      assert.equal(worked.ownerId, rep.id);
      assert.equal(worked.status, 'in_progress');
      assert.ok(worked.firstResponseAt, 'the first response is recorded');
      const tasks = await server.api<{ items: Task[] }>('GET', `/api/tasks?view=all&leadId=${lead.id}`);
      assert.deepEqual(
        tasks.items.filter((t) => t.status === 'open').map((t) => t.title),
        [TYPED_TASK_TITLE],
      );

      await page.getByTestId('convert-button').click();
      const dialog = page.getByTestId('convert-dialog');
      await dialog.waitFor();
      await dialog.locator('input[inputmode="decimal"]').fill('150000');
      await screenshot(page, 'web-convert');
      await dialog.getByTestId('convert-submit').click();
      await page.getByTestId('convert-button').waitFor({ state: 'detached' });
      const converted = await server.api<LeadDetail>('GET', `/api/leads/${lead.id}`);
      assert.equal(converted.status, 'converted');
      const deals = await server.api<{ items: { leadId: string; amount: string }[] }>('GET', '/api/deals');
      assert.deepEqual(
        deals.items.filter((d) => d.leadId === lead.id).map((d) => d.amount),
        ['150000.00'],
      );
      assert.deepEqual(dialogs, []);

      for (const [path, name] of [
        ['/tasks', 'web-tasks'],
        ['/board', 'web-board'],
        ['/dashboard', 'web-dashboard'],
        ['/notifications', 'web-notifications'],
      ] as const) {
        await page.goto(`${server.baseUrl}${path}`);
        await page.locator('main :is(h1, h2, p)').first().waitFor();
        await screenshot(page, name);
      }
    });
    assert.equal(
      await convertedOnDashboard(),
      convertedBefore + 1,
      "the dashboard's funnel counts the conversion",
    );
  });

  test('a rep with more tasks than one page loads the rest', async () => {
    const rep = await server.createUser('rep', { name: 'Paula Listova', locale: 'en' });
    const { lead } = await capture({ name: 'Polina Stranitsyna', phone: '+7 912 555-77-01' });
    await server.api('POST', `/api/leads/${lead.id}/claim`, undefined, rep.headers);
    // The first-response task plus 100 calls: one more than the page of 100 the list loads.
    for (let day = 1; day <= 100; day++) {
      await server.api('POST', '/api/tasks', { leadId: lead.id, type: 'call', dueInDays: day }, rep.headers);
    }
    await withPage({}, async (page) => {
      await logIn(page, server, rep);
      await page.goto(`${server.baseUrl}/tasks?view=mine`);
      const rows = page.getByTestId('task-row');
      await rows.nth(99).waitFor();
      assert.equal(await rows.count(), 100);
      await page.getByTestId('tasks-load-more').click();
      await rows.nth(100).waitFor();
      assert.equal(await rows.count(), 101);
      await page.getByTestId('tasks-load-more').waitFor({ state: 'detached' });
    });
  });

  test("a lead sent through the widget is in the rep's list, with the page tags and the campaign", async () => {
    const rep = await server.createUser('rep', { locale: 'en' });
    await withPage({}, async (page) => {
      await page.goto(`${embedded.site.origin}/landing?utm_source=newsletter&utm_campaign=spring-2026`);
      await page.getByLabel('Name').fill('Daria Widgetova');
      await page.getByLabel('Phone').fill('+7 912 555-60-70');
      await page.getByLabel('I agree to the processing').check();
      server.clock.advance(5_000);
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByText('Thank you, Daria Widgetova!').waitFor();

      await logIn(page, server, rep);
      await page.getByRole('link', { name: 'Daria Widgetova' }).click();
      const source = page.getByTestId('lead-source');
      await source.getByText('Spring sale').waitFor();
      assert.equal(await page.getByTestId('attribution-utm_source').textContent(), 'newsletter');
      assert.equal(await page.getByTestId('attribution-utm_campaign').textContent(), 'spring-2026');
      assert.equal(await page.getByTestId('attribution-formId').textContent(), embedded.formKey);
      await screenshot(page, 'web-widget-lead-card');
    });
  });

  test('a name written as HTML, sent through the widget, is text in the list and on the card', async () => {
    const head = await server.createUser('head', { locale: 'en' });
    await withPage({}, async (page, dialogs) => {
      await page.goto(`${embedded.site.origin}/landing`);
      await page.getByLabel('Name').fill(XSS_NAME);
      await page.getByLabel('Email').fill('xss@web.example');
      await page.getByLabel('I agree to the processing').check();
      server.clock.advance(5_000);
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByText(`Thank you, ${XSS_NAME}!`).waitFor();

      await logIn(page, server, head);
      // Names are title-cased on capture ("Src", "Onerror"); what matters is that it stays text.
      const shown = /^<img src=x onerror=alert\(1\)>$/i;
      const link = page.getByRole('link', { name: shown });
      await link.waitFor();
      assert.match((await link.textContent()) ?? '', shown);
      assert.equal(await page.locator('main img').count(), 0);
      await link.click();
      await page.getByTestId('lead-name').waitFor();
      assert.match((await page.getByTestId('lead-name').textContent()) ?? '', shown);
      assert.equal(await page.locator('main img').count(), 0);
      await screenshot(page, 'web-xss-card');
      assert.deepEqual(dialogs, []);
    });
  });

  /**
   * The visible Russian text of the main pages, with user data left out: task titles (people type
   * them) and the timeline's event details. `withData` keeps both, to check that server-made texts
   * (task titles the server made, event sentences) are shown in Russian too. What people named or
   * typed is always left out: users', channels' and campaigns' names, the task title a rep typed.
   */
  async function russianPages(withData: boolean): Promise<Map<string, string>> {
    const rep = await server.createUser('rep', { name: 'Ирина Продажина', locale: 'ru' });
    const head = await server.createUser('head', { name: 'Павел Начальников', locale: 'ru' });
    const person = withData
      ? { name: 'Анна Кузнецова', email: 'anna@kuznetsova.example' }
      : { name: 'Олег Сидоров', email: 'oleg@sidorov.example' };
    const { lead } = await capture({ ...person, interest: 'Нужен счёт' });
    await server.api('POST', `/api/leads/${lead.id}/claim`, {}, rep.headers);
    const tasks = await server.api<{ items: Task[] }>('GET', '/api/tasks?view=all&limit=200');
    const taskTitles = [...new Set(tasks.items.map((t) => t.title))];
    const named = async (path: string) =>
      (await server.api<{ items: { name: string }[] }>('GET', path)).items.map((item) => item.name);
    const typedNames = [
      ...(await named('/api/channels')),
      ...(await named('/api/campaigns')),
      ...(await named('/api/users')),
      TYPED_TASK_TITLE,
    ];
    const visits: [E2EUser, string, string][] = [
      [rep, `/leads/${lead.id}`, 'web-ru-lead-card'],
      [rep, '/tasks', 'web-ru-tasks'],
      [head, '/leads', 'web-ru-leads'],
      [head, '/board', 'web-ru-board'],
      [head, '/dashboard', 'web-ru-dashboard'],
      [head, '/notifications', 'web-ru-notifications'],
    ];
    const texts = new Map<string, string>();
    for (const user of [rep, head]) {
      await withPage({ locale: 'ru-RU' }, async (page) => {
        await logIn(page, server, user);
        for (const [, path, name] of visits.filter(([who]) => who === user)) {
          await page.goto(`${server.baseUrl}${path}`);
          await page.locator('main :is(h1, h2)').first().waitFor();
          await page.waitForLoadState('networkidle');
          if (!withData) await screenshot(page, name);
          const text = await page.evaluate((keepData) => {
            if (!keepData) {
              for (const node of document.querySelectorAll<HTMLElement>(
                '[data-testid="timeline-event"] > .wrap, pre.raw',
              )) {
                node.style.display = 'none';
              }
            }
            const labels = [...document.querySelectorAll('[aria-label],[placeholder],[title]')].map((e) =>
              ['aria-label', 'placeholder', 'title'].map((a) => e.getAttribute(a) ?? '').join(' '),
            );
            return `${document.body.innerText}\n${labels.join(' ')}`;
          }, withData);
          // Longest first, so that a name inside a longer one does not leave pieces behind.
          const typed = (withData ? typedNames : [...taskTitles, ...typedNames]).sort(
            (a, b) => b.length - a.length,
          );
          texts.set(
            path,
            typed.reduce((rest, name) => rest.replaceAll(name, ' '), text),
          );
        }
      });
    }
    return texts;
  }

  test('the Russian interface shows no English on its main pages', async () => {
    const problems: string[] = [];
    for (const [path, text] of await russianPages(false)) {
      const found = untranslatedOn(text);
      if (found.length > 0) problems.push(`${path}: ${found.join(', ')}`);
    }
    assert.deepEqual(problems, []);
  });

  test('the Russian interface shows no English in server-made texts either', async () => {
    const problems: string[] = [];
    for (const [path, text] of await russianPages(true)) {
      const found = untranslatedOn(text);
      if (found.length > 0) problems.push(`${path}: ${found.join(', ')}`);
    }
    assert.deepEqual(problems, []);
  });

  test('an admin erases a person who asked to be forgotten, from the lead card', async () => {
    const admin = await server.createUser('admin', { locale: 'en' });
    const { lead } = await capture({
      name: 'Zinaida Forgetme',
      email: 'zina.forgetme@example.ru',
      phone: '+7 912 555-77-88',
    });
    await withPage({}, async (page, dialogs) => {
      await logIn(page, server, admin);
      await page.goto(`${server.baseUrl}/leads/${lead.id}`);
      await page.getByTestId('lead-name').filter({ hasText: 'Zinaida Forgetme' }).waitFor();
      await page.getByTestId('erase-button').click();
      await page.getByTestId('confirm-yes').click();
      await page.getByText('Personal data erased.').waitFor();
      await page.getByTestId('lead-name').filter({ hasText: '(no name)' }).waitFor();
      await page.getByText('Personal data erased', { exact: true }).first().waitFor();
      assert.ok(!(await page.getByTestId('lead-card').innerText()).includes('Forgetme'));
      assert.deepEqual(dialogs, []);
    });
    const card = await server.api<{ fullName: string; emails: string[]; phones: string[] }>(
      'GET',
      `/api/leads/${lead.id}`,
    );
    assert.deepEqual([card.fullName, card.emails, card.phones], ['', [], []]);
  });

  test('on a 375 px wide phone the lead card needs no sideways scrolling', async () => {
    const rep = await server.createUser('rep', { locale: 'en' });
    const { lead } = await capture({
      name: 'Konstantin Konstantinopolsky-Rimsky',
      email: 'konstantin.konstantinopolsky-rimsky.very.long.address@example-company.example',
      phone: '+7 912 555-30-40',
      interest:
        'A long question without spaces: https://example.com/a/very/long/path/that/does/not/break/anywhere',
      utm_source: 'averyveryveryverylongsourcenamewithoutanyspaces',
    });
    await server.api('POST', `/api/leads/${lead.id}/claim`, {}, rep.headers);
    await withPage(
      { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true },
      async (page) => {
        await logIn(page, server, rep);
        await screenshot(page, 'web-375-leads');
        await page.goto(`${server.baseUrl}/leads/${lead.id}`);
        await page.getByTestId('lead-card').waitFor();
        await page.waitForLoadState('networkidle');
        await screenshot(page, 'web-375-lead-card');
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 375, `the page is ${width} px wide`);
      },
    );
  });
});
