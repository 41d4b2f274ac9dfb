/**
 * useBrowserApp: the set-up every browser test shares — one Chromium per file, and per test a
 * fresh app on SQLite with the real clock, listening on a real port, plus browser contexts that
 * are closed after the test. Call it inside `describeBrowser`'s callback, so that the hooks it
 * registers are skipped with the rest of the file when no Chromium is installed.
 */
import { existsSync, mkdirSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { systemClock } from '../../src/shared/clock.js';
import { buildTestApp, type TestApp, type TestAppOptions } from './app.js';
import { launchBrowser } from './browser.js';

const WEB_INDEX = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));

/** Where browser tests save their screenshots; useBrowserApp creates it. */
export const ARTIFACTS = fileURLToPath(new URL('../../artifacts', import.meta.url));

/** What a browser test may choose about its app: SQLite and the real clock are fixed. */
export type BrowserAppBuild = Omit<TestAppOptions, 'dialect' | 'clock' | 'shareWith'>;

interface CommonOptions {
  /** Start the job queue and the outbox, for tests whose e-mails must really go out. */
  workers?: boolean;
  /** Options of every context the fixture opens (locale, viewport); `newPage` may override them. */
  context?: BrowserContextOptions;
  /** Open a page in a context of its own before each test (`page`, `context`). Default: true. */
  page?: boolean;
}

export type BrowserAppOptions = CommonOptions &
  (
    | {
        /**
         * Reserve a free port before building the app and serve pages at http://localhost:<port>,
         * so that the app's configuration can name its real address (WebAuthn's relying party ID
         * is the configured host name): `app` then receives that base URL.
         */
        reservePort: true;
        /** The app's options, or a function of the base URL called before each test. */
        app?: BrowserAppBuild | ((baseUrl: string) => BrowserAppBuild);
      }
    | {
        /** Without a reserved port the app listens on a port it is given, at http://127.0.0.1:<port>. */
        reservePort?: false;
        /** The app's options, or a function called before each test (after the `beforeAll` hooks). */
        app?: BrowserAppBuild | (() => BrowserAppBuild);
      }
  );

/** The current test's browser, app and pages; read them inside tests and hooks only. */
export interface BrowserApp {
  readonly browser: Browser;
  readonly t: TestApp;
  readonly baseUrl: string;
  /** The context of the default page (unless `page: false`). */
  readonly context: BrowserContext;
  readonly page: Page;
  /** A page in a new context (another person, another window size), closed after the test. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** E-mailed links name the configured public URL: the same path and fragment on the test server. */
  onTestServer(link: URL | string): string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function required<T>(value: T | undefined, name: string, when = 'during a test'): T {
  if (value === undefined) throw new Error(`useBrowserApp: \`${name}\` is only set ${when}`);
  return value;
}

const BETWEEN_ALL_HOOKS = 'between the beforeAll and afterAll hooks';
const DURING_A_TEST_WITH_PAGE = 'during a test, unless useBrowserApp was given `page: false`';

/**
 * Registers the browser tests' lifecycle hooks: checks that web/dist is built, launches Chromium
 * once, and before each test builds and starts a fresh app (and a page, unless `page: false`);
 * after each test it closes every context it opened, then the app.
 */
export function useBrowserApp(options: BrowserAppOptions = {}): BrowserApp {
  let browser: Browser | undefined;
  let t: TestApp | undefined;
  let baseUrl: string | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const contexts: BrowserContext[] = [];

  async function newPage(overrides: BrowserContextOptions = {}): Promise<Page> {
    const opened = await required(browser, 'browser', BETWEEN_ALL_HOOKS).newContext({
      ...options.context,
      ...overrides,
    });
    contexts.push(opened);
    return opened.newPage();
  }

  beforeAll(async () => {
    if (!existsSync(WEB_INDEX)) {
      throw new Error(
        'web/dist is missing: run `npm run build:web` first (`npm test` does it before vitest).',
      );
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    browser = undefined;
  });

  beforeEach(async () => {
    // The browser lives in real time, so the server does too: session deadlines must agree.
    // A reserved port lets the app's configuration name its real address before it is built.
    const port = options.reservePort ? await freePort() : 0;
    const reserved = options.reservePort ? `http://localhost:${port}` : undefined;
    const build =
      typeof options.app === 'function'
        ? (options.app as (baseUrl: string | undefined) => BrowserAppBuild)(reserved)
        : options.app;
    t = await buildTestApp({ ...build, dialect: 'sqlite', clock: systemClock });
    await t.app.listen({ port, host: '127.0.0.1' });
    baseUrl = reserved ?? `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    if (options.workers) {
      t.c.jobs.start();
      t.c.outbox.start();
    }
    if (options.page ?? true) {
      page = await newPage();
      context = page.context();
    }
  });

  afterEach(async () => {
    for (const opened of contexts.splice(0)) await opened.close();
    await t?.close();
    t = undefined;
    baseUrl = undefined;
    context = undefined;
    page = undefined;
  });

  return {
    get browser() {
      return required(browser, 'browser', BETWEEN_ALL_HOOKS);
    },
    get t() {
      return required(t, 't');
    },
    get baseUrl() {
      return required(baseUrl, 'baseUrl');
    },
    get context() {
      return required(context, 'context', DURING_A_TEST_WITH_PAGE);
    },
    get page() {
      return required(page, 'page', DURING_A_TEST_WITH_PAGE);
    },
    newPage,
    onTestServer(link) {
      const url = new URL(link);
      return `${required(baseUrl, 'baseUrl')}${url.pathname}${url.hash}`;
    },
  };
}
