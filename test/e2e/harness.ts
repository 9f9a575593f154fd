import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config.ts';
import { DEFAULT_MATCHER_CONFIG } from '../../src/domain/dedup/index.ts';
import type { Role } from '../../src/domain/permissions.ts';
import { type App, buildApp } from '../../src/http/app.ts';
import { createUser } from '../../src/services/auth/users.ts';
import { createApiToken } from '../../src/services/tokens.ts';
import type { Database } from '../../src/store/db.ts';
import { TestClock } from '../helpers/app.ts';
import { openTestDatabase } from '../helpers/database.ts';

// End-to-end tests: the real server listening on loopback, driven by Debian's Chromium through
// playwright-core. No browser is ever downloaded: without /usr/bin/chromium the tests skip, except
// in CI, where that is a failure.

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));
export const WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));
export const ADMIN_TOKEN = 'e2e-admin-token-0123456789';
export const CAPTURE_TOKEN = 'e2e-capture-token-0123456789';

/** Why the browser tests cannot run here, or undefined when they can. Throws in CI. */
export function browserMissing(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  if (process.env.CI === 'true') {
    throw new Error(`${CHROMIUM_PATH} is missing in CI: .ci/run installs the Debian chromium package`);
  }
  return `${CHROMIUM_PATH} is missing: install it with "apt-get install -y chromium" to run the browser tests`;
}

/** Debian's Chromium, headless, quiet: no sandbox (root in a container), no network of its own. */
export async function launchBrowser(): Promise<Browser> {
  // Playwright gives every launch a new temporary profile (a fresh user-data-dir) and removes it.
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export type E2EUser = {
  id: string;
  email: string;
  password: string;
  name: string;
  role: Role;
  headers: { authorization: string };
};

export type E2EServer = {
  app: App;
  database: Database;
  /** The server's clock: starts at the real time, moves only when a test says so. */
  clock: TestClock;
  baseUrl: string;
  adminHeaders: { authorization: string };
  /** A user who can log in with a password, with an API token of their own for set-up calls. */
  createUser: (role: Role, options?: { name?: string; locale?: 'en' | 'ru' }) => Promise<E2EUser>;
  /** A JSON call to the API; fails the test on a non-2xx answer. */
  api: <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<T>;
  close: () => Promise<void>;
};

let userSequence = 0;

/** The app as `npm start` builds it, on a fresh database, listening on 127.0.0.1 (any free port). */
export async function startServer(options: { env?: Record<string, string> } = {}): Promise<E2EServer> {
  const database = await openTestDatabase();
  const clock = new TestClock(new Date());
  const config = loadConfig({
    LEADFLOW_ADMIN_TOKEN: ADMIN_TOKEN,
    LEADFLOW_CAPTURE_TOKENS: CAPTURE_TOKEN,
    LOG_LEVEL: 'silent',
    LEADFLOW_DATA_DIR: '/nonexistent-test-data-dir',
    // Every capture comes from 127.0.0.1: no flood flag for a test run's handful.
    LEADFLOW_FLOOD_LIMIT: '10000',
    ...options.env,
  });
  const app = await buildApp({ database, config, matcher: DEFAULT_MATCHER_CONFIG, clock: clock.now });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  // The port is known only now; snippets and emails name the server by it.
  config.publicUrl = baseUrl;
  const adminHeaders = { authorization: `Bearer ${ADMIN_TOKEN}` };

  async function api<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = adminHeaders,
  ): Promise<T> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    // A capture is answered before its follow-up (scoring, routing): a test reads what follows it.
    await app.captureSettled();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  async function createE2EUser(role: Role, opts: { name?: string; locale?: 'en' | 'ru' } = {}) {
    userSequence += 1;
    const name = opts.name ?? `${role[0]?.toUpperCase()}${role.slice(1)} User${userSequence}`;
    const email = `${role}${userSequence}@e2e.example`;
    const password = `E2e-password-${userSequence}-long`;
    const { user } = await createUser(database, {
      email,
      name,
      role,
      password,
      ...(opts.locale ? { locale: opts.locale } : {}),
      at: clock.now(),
    });
    const { token } = await createApiToken(database.db, {
      name: `${name} e2e`,
      scope: 'full',
      userId: user.id,
    });
    return { id: user.id, email, password, name, role, headers: { authorization: `Bearer ${token}` } };
  }

  return {
    app,
    database,
    clock,
    baseUrl,
    adminHeaders,
    createUser: createE2EUser,
    api,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** Why the web app tests cannot run (web/dist not built), or undefined. Throws in CI. */
export function webAppMissing(): string | undefined {
  if (existsSync(join(WEB_DIST_DIR, 'index.html'))) return undefined;
  if (process.env.CI === 'true') throw new Error('web/dist is not built in CI: run npm run build:web first');
  return 'web/dist is not built: run "npm run build:web" to test the web app';
}

export type TestSite = { origin: string; close: () => Promise<void> };

/** Another web site on its own loopback port: serves `pages[path]` as HTML, anything else 404. */
export async function serveSite(pages: Record<string, string>): Promise<TestSite> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const page = pages[path];
    if (page === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A page the test owns: any dialog (alert, confirm) it opens is recorded, since none should. */
export async function openPage(context: BrowserContext): Promise<{ page: Page; dialogs: string[] }> {
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { page, dialogs };
}

/** A full-page screenshot in test-results/, for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`), fullPage: true });
}

export type EmbeddedForm = {
  /** The customer's site: its pages are `pages` (add more before visiting them). */
  site: TestSite;
  pages: Record<string, string>;
  formId: string;
  formKey: string;
  campaignId: string;
  /** The capture-only token the snippet carries. */
  token: string;
};

/**
 * A campaign, a form for it allowing the site's origin, a capture-only token, and the form's
 * snippet pasted into the site's `/landing` page (and `/ru`, the same page in Russian).
 */
export async function embedForm(
  server: E2EServer,
  options: { successMessage?: { en: string; ru: string } } = {},
): Promise<EmbeddedForm> {
  const channel = await server.api<{ id: string }>('POST', '/api/channels', {
    code: `site-${++userSequence}`,
    name: 'Web site',
  });
  const campaign = await server.api<{ id: string }>('POST', '/api/campaigns', {
    channelId: channel.id,
    name: 'Spring sale',
  });
  // The site's origin is known once it listens: the form is made after.
  const pages: Record<string, string> = {};
  const site = await serveSite(pages);
  const form = await server.api<{ id: string; key: string }>('POST', '/api/forms', {
    name: 'Landing form',
    campaignId: campaign.id,
    allowedOrigins: [site.origin],
    ...(options.successMessage ? { successMessage: options.successMessage } : {}),
  });
  const { token } = await server.api<{ token: string }>('POST', '/api/tokens', {
    name: 'Landing page',
    scope: 'capture',
  });
  const { html: snippet } = await server.api<{ html: string }>(
    'GET',
    `/api/forms/${form.id}/snippet?token=${encodeURIComponent(token)}`,
  );
  const landing = (lang: string) =>
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Spring sale</title>` +
    '<meta name="viewport" content="width=device-width, initial-scale=1"></head>' +
    `<body><h1>Spring sale</h1><p>Leave your details.</p>\n${snippet}</body></html>`;
  pages['/landing'] = landing('en');
  pages['/ru'] = landing('ru');
  return { site, pages, formId: form.id, formKey: form.key, campaignId: campaign.id, token };
}

/** Logs in through the login page and waits for the leads list. */
export async function logIn(page: Page, server: E2EServer, user: E2EUser): Promise<void> {
  await page.goto(`${server.baseUrl}/login`);
  await page.locator('input[name="email"]').fill(user.email);
  await page.locator('input[name="password"]').fill(user.password);
  await Promise.all([page.waitForURL(/\/leads/), page.locator('form button[type="submit"]').click()]);
}
