/**
 * The sign-in page in a real Chromium against a real server (SQLite), serving the built pages
 * (web/dist, built by `npm test` before vitest runs) under the production CSP.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { systemClock } from '../../src/shared/clock.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { describeBrowser, describeViolations, launchBrowser, runAxe } from '../helpers/browser.js';

const WEB_INDEX = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));
const ARTIFACTS = fileURLToPath(new URL('../../artifacts', import.meta.url));
const TIMEOUT = 30_000;

async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const violations = await runAxe(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

describeBrowser('sign-in page (browser)', () => {
  let browser: Browser;
  let t: TestApp;
  let baseUrl: string;
  let context: BrowserContext;
  let page: Page;

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
  });

  beforeEach(async () => {
    // The browser lives in real time, so the server does too: session deadlines must agree.
    t = await buildTestApp({ dialect: 'sqlite', clock: systemClock });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1024, height: 800 } });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context?.close();
    await t?.close();
  });

  it(
    'signs in with e-mail and password and shows the home page with the person’s name',
    async () => {
      const user = await t.createUser({
        email: 'camille.martin@hotel.example',
        name: 'Camille Martin',
        password: 'Quiet-Harbour-Lanterns-42',
        language: 'en',
      });

      await page.goto(`${baseUrl}/sign-in`);
      await page.getByLabel('Email address').waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: path.join(ARTIFACTS, 'sign-in.png'), fullPage: true });

      await submitSignIn(page, user.email, user.password);

      await page.getByRole('heading', { level: 1, name: 'Hello, Camille Martin' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.getByText(user.email).isVisible()).toBe(true);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: path.join(ARTIFACTS, 'home.png'), fullPage: true });
    },
    TIMEOUT,
  );

  it(
    'shows the generic error in French after switching to French and typing a wrong password',
    async () => {
      const user = await t.createUser({ language: 'fr' });

      await page.goto(`${baseUrl}/sign-in`);
      await page.getByRole('button', { name: 'Français' }).click();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');

      await page.getByLabel('Adresse e-mail').fill(user.email);
      await page.getByLabel('Mot de passe', { exact: true }).fill('pas-le-bon-mot-de-passe');
      await page.getByRole('button', { name: 'Se connecter', exact: true }).click();

      const alert = page.getByRole('alert');
      await alert.getByText('Adresse e-mail ou mot de passe non valide').waitFor();
      expect(await page.getByLabel('Mot de passe', { exact: true }).getAttribute('aria-invalid')).toBe(
        'true',
      );
      expect(new URL(page.url()).pathname).toBe('/sign-in');
    },
    TIMEOUT,
  );

  it(
    'the show/hide toggle switches the password field between hidden and visible text',
    async () => {
      await page.goto(`${baseUrl}/sign-in`);
      const password = page.getByLabel('Password', { exact: true });
      const toggle = page.getByRole('button', { name: 'Show password' });
      await password.fill('Typed exactly, spaces kept ');

      expect(await password.getAttribute('type')).toBe('password');
      expect(await toggle.getAttribute('aria-pressed')).toBe('false');
      expect(await toggle.getAttribute('aria-controls')).toBe(await password.getAttribute('id'));

      await toggle.click();
      expect(await password.getAttribute('type')).toBe('text');
      expect(await toggle.getAttribute('aria-pressed')).toBe('true');
      expect(await password.inputValue()).toBe('Typed exactly, spaces kept ');

      await toggle.click();
      expect(await password.getAttribute('type')).toBe('password');
      expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    },
    TIMEOUT,
  );

  it(
    'signing out ends the session and returns to the sign-in page',
    async () => {
      const user = await t.createUser({ name: 'Alex Dupont' });

      await page.goto(`${baseUrl}/sign-in`);
      await submitSignIn(page, user.email, user.password);
      await page.getByRole('heading', { level: 1, name: 'Hello, Alex Dupont' }).waitFor();

      await page.getByRole('button', { name: 'Sign out' }).click();

      await page.waitForURL(`${baseUrl}/sign-in?reason=signed_out`);
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      expect(await page.getByText('You have signed out.').isVisible()).toBe(true);

      // The server really ended it: the home page sends us straight back.
      await page.goto(`${baseUrl}/`);
      await page.waitForURL(`${baseUrl}/sign-in`);
    },
    TIMEOUT,
  );
});
