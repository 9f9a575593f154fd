import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  browserMissing,
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

// The sales settings pages as an admin uses them: users (and their absences and API tokens),
// teams with working hours, statuses, routing and lead visibility. What the pages save is read
// back through the API; a rep gets a permission message; the pages fit a phone and speak Russian.
// People and teams have Russian names: the Russian check reads every page, data included.

type User = {
  id: string;
  email: string;
  name: string;
  role: string;
  locale: string;
  active: boolean;
  workSchedule: { timeZone: string; hours: Record<string, [string, string][]> } | null;
};
type Team = {
  id: string;
  name: string;
  headId: string | null;
  timeZone: string;
  workingHours: Record<string, [string, string][]>;
  holidays: string[];
  assignmentMethod: string;
  onlyWorkingHours: boolean;
  members: { userId: string }[];
};
type StatusSettings = { statuses: { key: string; labels: { en: string; ru: string } }[] };
type Routing = {
  defaultMode: string;
  slaMinutes: number;
  autoReassignOnMissedSla: boolean;
  escalateOnMissedSla: boolean;
  channelModes: Record<string, string>;
  channelSlaMinutes: Record<string, number>;
};
type Token = { id: string; name: string; revokedAt: string | null };

const skip = browserMissing() ?? webAppMissing();
const PAGES = [
  ['/settings/users', 'users-table'],
  ['/settings/teams', 'team-card'],
  ['/settings/statuses', 'statuses-form'],
  ['/settings/routing', 'routing-form'],
] as const;

describe('sales settings pages', { skip }, () => {
  let server: E2EServer;
  let browser: Browser;
  let admin: E2EUser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await server.createUser('admin', { name: 'Алиса Админова', locale: 'en' });
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

  const findUser = async (email: string) => {
    const { items } = await server.api<{ items: User[] }>('GET', '/api/users');
    const user = items.find((u) => u.email === email);
    assert.ok(user, `${email} is stored`);
    return user;
  };

  test('an admin creates a rep who can then log in, records an absence, changes the role', async () => {
    const email = 'roman.repin@settings.example';
    const password = 'Roman-password-2026';
    await withPage({}, async (page, dialogs) => {
      await logIn(page, server, admin);
      await page.goto(`${server.baseUrl}/settings/users`);
      await page.getByTestId('users-table').waitFor();
      await page.getByTestId('user-create').click();
      const dialog = page.getByTestId('user-create-dialog');
      await dialog.getByLabel('Name').fill('Роман Репин');
      await dialog.getByLabel('Email').fill(email);
      await dialog.getByLabel('Role').selectOption('rep');
      await dialog.getByLabel('Language').selectOption('ru');
      await dialog.getByLabel('Initial password').fill(password);
      await screenshot(page, 'settings-user-create');
      await dialog.getByTestId('user-create-submit').click();
      await dialog.waitFor({ state: 'detached' });
      const row = page.getByTestId('user-row').filter({ hasText: email });
      await row.waitFor();
      assert.equal(await row.getByTestId('user-role').textContent(), 'Sales rep');

      const stored = await findUser(email);
      assert.deepEqual(
        { name: stored.name, role: stored.role, locale: stored.locale, active: stored.active },
        { name: 'Роман Репин', role: 'rep', locale: 'ru', active: true },
      );

      // An absence over two whole days, read back as instants a day apart plus one.
      await row.getByTestId('user-absences').click();
      const absences = page.getByTestId('absences-dialog');
      await absences.getByText('No absences recorded.').waitFor();
      await absences.getByLabel('First day').fill('2026-07-01');
      await absences.getByLabel('Last day').fill('2026-07-02');
      await absences.getByLabel('Reason').fill('Отпуск');
      await absences.getByTestId('absence-add').click();
      await absences.getByTestId('absence-row').waitFor();
      const { items: stays } = await server.api<{
        items: { startsAt: string; endsAt: string; reason: string }[];
      }>('GET', `/api/users/${stored.id}/absences`);
      assert.equal(stays.length, 1);
      assert.equal(stays[0]?.reason, 'Отпуск');
      const days = (Date.parse(stays[0]?.endsAt ?? '') - Date.parse(stays[0]?.startsAt ?? '')) / 86_400_000;
      assert.ok(days > 1.9 && days < 2.1, `the absence lasts two days, not ${days}`);
      await screenshot(page, 'settings-absences');
      await absences.getByTestId('absence-remove').click();
      await absences.getByTestId('absence-remove-confirm').click();
      await absences.getByText('No absences recorded.').waitFor();
      const afterRemoval = await server.api<{ items: unknown[] }>('GET', `/api/users/${stored.id}/absences`);
      assert.equal(afterRemoval.items.length, 0);
      await absences.getByRole('button', { name: 'Close' }).first().click();
      await screenshot(page, 'settings-users');
      assert.deepEqual(dialogs, []);
    });

    // The password and the role were stored: the rep logs in and works as a rep.
    await withPage({}, async (page) => {
      await logIn(page, server, { email, password } as E2EUser);
      await page.getByTestId('current-user').filter({ hasText: 'Роман Репин' }).waitFor();
      assert.equal(await page.getByRole('link', { name: /^(Settings|Настройки)$/ }).count(), 0);
    });

    await withPage({}, async (page) => {
      await logIn(page, server, admin);
      await page.goto(`${server.baseUrl}/settings/users`);
      const row = page.getByTestId('user-row').filter({ hasText: email });
      // A rep's own hours: a morning shift in Samara time.
      await row.getByTestId('user-edit').click();
      const dialog = page.getByTestId('user-edit-dialog');
      await dialog.getByTestId('user-own-hours').check();
      await dialog.getByTestId('user-timezone').fill('Europe/Samara');
      await dialog.getByTestId('user-to-1-0').fill('13:00');
      await dialog.getByTestId('user-edit-submit').click();
      await dialog.waitFor({ state: 'detached' });
      const withHours = await findUser(email);
      assert.equal(withHours.workSchedule?.timeZone, 'Europe/Samara');
      assert.deepEqual(withHours.workSchedule?.hours['1'], [['09:00', '13:00']]);

      await row.getByTestId('user-edit').click();
      assert.ok(await dialog.getByTestId('user-own-hours').isChecked(), 'the stored hours come back');
      await dialog.getByLabel('Role').selectOption('head');
      await dialog.getByLabel('Language').selectOption('en');
      await dialog.getByLabel(/^Active/).uncheck();
      await dialog.getByTestId('user-edit-submit').click();
      await dialog.waitFor({ state: 'detached' });
      await row.getByTestId('user-role').filter({ hasText: 'Sales head' }).waitFor();
      const changed = await findUser(email);
      assert.deepEqual(
        { role: changed.role, locale: changed.locale, active: changed.active },
        { role: 'head', locale: 'en', active: false },
      );
    });
  });

  test('an API token made on the Users page works with its secret, and is revoked after asking', async () => {
    await withPage({}, async (page) => {
      await logIn(page, server, admin);
      await page.goto(`${server.baseUrl}/settings/users`);
      const section = page.getByTestId('tokens-section');
      await section.getByLabel('Name').fill('Синхронизация');
      await section.getByLabel('Access').selectOption('read');
      await section.getByTestId('token-create').click();
      const secret = await section.getByTestId('token-secret').inputValue();
      assert.ok(secret.length > 20, 'the secret is shown once');
      const me = await fetch(`${server.baseUrl}/api/auth/me`, {
        headers: { authorization: `Bearer ${secret}` },
      });
      assert.equal(me.status, 200, 'the shown secret is the token');

      const row = section.getByTestId('token-row').filter({ hasText: 'Синхронизация' });
      await row.getByTestId('token-revoke').click();
      await row.getByTestId('token-revoke-confirm').click();
      await row.getByText(/^Revoked/).waitFor();
      const { items } = await server.api<{ items: Token[] }>('GET', '/api/tokens');
      assert.ok(items.find((t) => t.name === 'Синхронизация')?.revokedAt, 'the token is revoked');
    });
  });

  test('a team made on the Teams page is stored with the hours, holidays and members typed', async () => {
    const head = await server.createUser('head', { name: 'Галина Главная', locale: 'en' });
    const rep = await server.createUser('rep', { name: 'Тимур Продажный', locale: 'en' });
    await withPage({}, async (page, dialogs) => {
      await logIn(page, server, admin);
      await page.goto(`${server.baseUrl}/settings/teams`);
      await page.getByText('No teams yet.').waitFor();
      await page.getByTestId('team-create').click();
      const form = page.getByTestId('team-form');
      await form.getByLabel('Name', { exact: true }).fill('Уральская');
      await form.locator('select[name="headId"]').selectOption({ label: 'Галина Главная (Sales head)' });
      await form
        .getByTestId('team-members')
        .getByLabel(/Тимур Продажный/)
        .check();
      await form.getByTestId('team-timezone').fill('Asia/Yekaterinburg');
      await form.getByLabel('Round robin').check();
      await form.getByLabel('Only during working hours').check();
      // Monday in two intervals, a short Friday, a Saturday morning; the rest as proposed.
      await form.getByTestId('team-to-1-0').fill('13:00');
      await form.getByTestId('team-add-1').click();
      await form.getByTestId('team-from-1-1').fill('14:00');
      await form.getByTestId('team-to-1-1').fill('18:00');
      await form.getByTestId('team-to-5-0').fill('16:00');
      await form.getByTestId('team-add-6').click();
      await form.getByTestId('team-from-6-0').fill('10:00');
      await form.getByTestId('team-to-6-0').fill('14:00');
      await form.getByTestId('team-holiday-input').fill('2026-01-07');
      await form.getByTestId('team-holiday-add').click();
      await form.getByTestId('team-holiday-input').fill('2026-01-02');
      await form.getByTestId('team-holiday-input').press('Enter');
      await screenshot(page, 'settings-team-form');
      await form.getByTestId('team-save').click();
      const saved = page.getByTestId('team-card').filter({ hasText: 'Уральская' });
      await saved.waitFor();
      await saved.getByText('Галина Главная').waitFor();
      await screenshot(page, 'settings-teams');

      const { items } = await server.api<{ items: Team[] }>('GET', '/api/teams');
      assert.equal(items.length, 1);
      const team = items[0] as Team;
      const weekday: [string, string][] = [['09:00', '18:00']];
      assert.deepEqual(
        {
          name: team.name,
          headId: team.headId,
          timeZone: team.timeZone,
          workingHours: team.workingHours,
          holidays: team.holidays,
          assignmentMethod: team.assignmentMethod,
          onlyWorkingHours: team.onlyWorkingHours,
          members: team.members.map((m) => m.userId),
        },
        {
          name: 'Уральская',
          headId: head.id,
          timeZone: 'Asia/Yekaterinburg',
          workingHours: {
            '1': [
              ['09:00', '13:00'],
              ['14:00', '18:00'],
            ],
            '2': weekday,
            '3': weekday,
            '4': weekday,
            '5': [['09:00', '16:00']],
            '6': [['10:00', '14:00']],
            '7': [],
          },
          holidays: ['2026-01-02', '2026-01-07'],
          assignmentMethod: 'round_robin',
          onlyWorkingHours: true,
          members: [rep.id],
        },
      );

      // Overlapping intervals: the server's reason is shown by the day, nothing is saved.
      await page.getByTestId('team-edit').click();
      await form.getByTestId('team-from-1-1').fill('12:00');
      await form.getByTestId('team-save').click();
      await form.getByTestId('team-day-1').getByText('spans must not overlap').waitFor();
      await form.getByTestId('team-from-1-1').fill('14:00');
      await form.getByLabel('Name', { exact: true }).fill('Уральская команда');
      await form.getByTestId('team-save').click();
      const card = page.getByTestId('team-card').filter({ hasText: 'Уральская команда' });
      await card.waitFor();
      const renamed = await server.api<Team>('GET', `/api/teams/${team.id}`);
      assert.equal(renamed.name, 'Уральская команда');
      assert.deepEqual(renamed.workingHours['1'], [
        ['09:00', '13:00'],
        ['14:00', '18:00'],
      ]);
      assert.deepEqual(dialogs, []);
    });
  });

  test('a renamed status shows in the leads filter without reloading; a duplicate key is refused by the field', async () => {
    await withPage({}, async (page) => {
      await logIn(page, server, admin);
      await page.goto(`${server.baseUrl}/settings/statuses`);
      await page.getByTestId('statuses-form').waitFor();
      await page.getByTestId('status-add').click();
      const added = page.getByTestId('status-card').last();
      await added.getByTestId('status-key').fill('new');
      await added.getByTestId('status-label-en').fill('Again');
      await added.getByTestId('status-label-ru').fill('Снова');
      await page.getByTestId('statuses-save').click();
      await page.getByTestId('field-error-statuses.7.key').waitFor();
      await page.getByRole('button', { name: 'Remove Again' }).click();

      await page.locator('[data-status="qualified"]').getByTestId('status-label-en').fill('Sales-ready');
      await page.getByTestId('statuses-save').click();
      await page.getByTestId('statuses-notice').waitFor();
      await screenshot(page, 'settings-statuses');
      const stored = await server.api<StatusSettings>('GET', '/api/settings/statuses');
      assert.equal(stored.statuses.length, 7);
      assert.deepEqual(stored.statuses.find((s) => s.key === 'qualified')?.labels, {
        en: 'Sales-ready',
        ru: 'Квалифицирован',
      });

      // Through the app's own navigation: the session's statuses were reloaded, not the page.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leads' }).click();
      const filter = page.locator('select').filter({ has: page.locator('option[value="qualified"]') });
      await filter.locator('option', { hasText: 'Sales-ready' }).waitFor({ state: 'attached' });
      assert.equal(await filter.locator('option', { hasText: 'Qualified' }).count(), 0);
    });
  });

  test('the routing settings and lead visibility chosen on the page are stored', async () => {
    const channel = await server.api<{ id: string }>('POST', '/api/channels', {
      code: 'expo',
      name: 'Выставка',
    });
    await withPage({}, async (page) => {
      await logIn(page, server, admin);
      await page.goto(`${server.baseUrl}/settings/routing`);
      await page.getByTestId('routing-form').waitFor();
      await page.getByTestId('routing-mode-manual').check();
      await page.getByTestId('routing-sla').fill('30');
      await page.getByTestId('routing-reassign').check();
      assert.ok(await page.getByTestId('routing-escalate').isChecked(), 'escalation is on by default');
      await page.getByTestId('routing-escalate').uncheck();
      await page.getByLabel('Distribution of Выставка').selectOption('rules');
      await page.getByLabel('Deadline of Выставка, minutes').fill('5');
      await page.getByTestId('routing-save').click();
      await page.getByTestId('routing-notice').waitFor();
      await page.getByTestId('visibility-all').check();
      await page.getByTestId('visibility-save').click();
      await page.getByTestId('visibility-notice').waitFor();
      await screenshot(page, 'settings-routing');
    });
    const routing = await server.api<Routing>('GET', '/api/settings/routing');
    assert.deepEqual(
      {
        defaultMode: routing.defaultMode,
        slaMinutes: routing.slaMinutes,
        autoReassignOnMissedSla: routing.autoReassignOnMissedSla,
        escalateOnMissedSla: routing.escalateOnMissedSla,
        channelModes: routing.channelModes,
        channelSlaMinutes: routing.channelSlaMinutes,
      },
      {
        defaultMode: 'manual',
        slaMinutes: 30,
        autoReassignOnMissedSla: true,
        escalateOnMissedSla: false,
        channelModes: { [channel.id]: 'rules' },
        channelSlaMinutes: { [channel.id]: 5 },
      },
    );
    const visibility = await server.api<{ repsSeeAllLeads: boolean }>('GET', '/api/settings/visibility');
    assert.equal(visibility.repsSeeAllLeads, true);
  });

  test('a rep on the Users page is told it is not for them; a head sees users but cannot create one', async () => {
    const rep = await server.createUser('rep', { name: 'Вера Продавцова', locale: 'en' });
    await withPage({}, async (page, dialogs) => {
      await logIn(page, server, rep);
      await page.goto(`${server.baseUrl}/settings/users`);
      const message = page.getByTestId('settings-forbidden');
      await message.waitFor();
      assert.match((await message.textContent()) ?? '', /Only administrators and sales heads/);
      assert.equal(await page.getByTestId('users-table').count(), 0);
      await screenshot(page, 'settings-users-rep');
      assert.deepEqual(dialogs, []);
    });
    const head = await server.createUser('head', { name: 'Глеб Руководов', locale: 'en' });
    await withPage({}, async (page) => {
      await logIn(page, server, head);
      await page.goto(`${server.baseUrl}/settings/users`);
      await page.getByTestId('users-table').waitFor();
      assert.equal(await page.getByTestId('user-create').count(), 0);
      assert.equal(await page.getByTestId('user-edit').count(), 0);
      assert.ok((await page.getByTestId('user-absences').count()) > 0, 'a head records absences');
    });
  });

  test('on a 375 px wide phone the settings pages need no sideways scrolling', async () => {
    await withPage(
      { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true },
      async (page) => {
        await logIn(page, server, admin);
        for (const [path, testId] of PAGES) {
          await page.goto(`${server.baseUrl}${path}`);
          await page.getByTestId(testId).first().waitFor();
          await page.waitForLoadState('networkidle');
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(width <= 375, `${path} is ${width} px wide`);
        }
        await page.goto(`${server.baseUrl}/settings/teams`);
        await page.getByTestId('team-edit').click();
        await page.getByTestId('team-form').waitFor();
        await screenshot(page, 'settings-375-team-form');
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 375, `the team form is ${width} px wide`);
      },
    );
  });

  test('the Russian settings pages show no English', async () => {
    const russian = await server.createUser('admin', { name: 'Ольга Настройкина', locale: 'ru' });
    const problems: string[] = [];
    await withPage({ locale: 'ru-RU' }, async (page) => {
      await logIn(page, server, russian);
      const textOf = () =>
        page.evaluate(() => {
          const labels = [...document.querySelectorAll('[aria-label],[placeholder],[title]')].map((e) =>
            ['aria-label', 'placeholder', 'title'].map((a) => e.getAttribute(a) ?? '').join(' '),
          );
          return `${document.body.innerText}\n${labels.join(' ')}`;
        });
      const check = async (name: string) => {
        await page.waitForLoadState('networkidle');
        await screenshot(page, `settings-ru-${name}`);
        const found = untranslatedOn(await textOf());
        if (found.length > 0) problems.push(`${name}: ${found.join(', ')}`);
      };
      for (const [path, testId] of PAGES) {
        await page.goto(`${server.baseUrl}${path}`);
        await page.getByTestId(testId).first().waitFor();
        await check(path.replace('/settings/', ''));
      }
      await page.goto(`${server.baseUrl}/settings/users`);
      await page.getByTestId('user-create').click();
      await page.getByTestId('user-create-dialog').waitFor();
      await check('user-create');
      await page.keyboard.press('Escape');
      await page.getByTestId('user-absences').first().click();
      await page.getByTestId('absences-dialog').waitFor();
      await check('absences');
      await page.goto(`${server.baseUrl}/settings/teams`);
      await page.getByTestId('team-edit').click();
      await page.getByTestId('team-form').waitFor();
      await check('team-form');
    });
    assert.deepEqual(problems, []);
  });
});
