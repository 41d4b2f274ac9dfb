/**
 * The sign-in page in a real Chromium against a real server (SQLite), serving the built pages
 * (web/dist, built by `npm test` before vitest runs) under the production CSP.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, expectNoSeriousA11yViolations } from '../helpers/browser.js';
import { ARTIFACTS, useBrowserApp } from '../helpers/browser-app.js';

const TIMEOUT = 30_000;

async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

describeBrowser('sign-in page (browser)', () => {
  const e2e = useBrowserApp({ context: { locale: 'en-US', viewport: { width: 1024, height: 800 } } });

  it(
    'signs in with e-mail and password and shows the home page with the person’s name',
    async () => {
      const { t, baseUrl, page } = e2e;
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
      const { t, baseUrl, page } = e2e;
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
      const { baseUrl, page } = e2e;
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
    'with cookies blocked, a right password says why the pages cannot open instead of reloading the form',
    async () => {
      const { t, baseUrl, page } = e2e;
      const user = await t.createUser();
      // What a browser refusing this site's cookies does: every Set-Cookie is dropped. (Fetched from
      // here, not with route.fetch(), which would store the cookies in the browser context.)
      await page.route('**/*', async (route) => {
        const request = route.request();
        const response = await fetch(request.url(), {
          method: request.method(),
          headers: await request.allHeaders(),
          body: request.postData() ?? undefined,
        });
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          // fetch() has already decoded the body: its length and encoding are the page's to work out.
          if (!['set-cookie', 'content-encoding', 'content-length'].includes(name)) headers[name] = value;
        });
        await route.fulfill({
          status: response.status,
          headers,
          body: Buffer.from(await response.arrayBuffer()),
        });
      });
      await page.goto(`${baseUrl}/sign-in`);
      await page.getByText('Cookies are blocked').waitFor();
      await submitSignIn(page, user.email, user.password);
      await page
        .getByRole('alert')
        .getByText(/did not keep the sign-in cookie/)
        .waitFor();
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      expect(await page.getByLabel('Email address').inputValue()).toBe(user.email);
    },
    TIMEOUT,
  );

  it(
    'without JavaScript, the page says so in both languages, as a titled main region',
    async () => {
      const { baseUrl, newPage } = e2e;
      const page = await newPage({ javaScriptEnabled: false });
      await page.goto(`${baseUrl}/sign-in`);
      const main = page.getByRole('main');
      await main.getByRole('heading', { level: 1, name: 'JavaScript est désactivé' }).waitFor();
      expect(
        await main.getByRole('heading', { level: 2, name: 'JavaScript is turned off' }).isVisible(),
      ).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'signing out ends the session and returns to the sign-in page',
    async () => {
      const { t, baseUrl, page } = e2e;
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

describeBrowser('automatic sign-out and language (browser)', () => {
  // An idle limit short enough to watch: the warning shows at half of it, the sign-out at the end.
  const e2e = useBrowserApp({
    context: { locale: 'en-US', viewport: { width: 1024, height: 800 } },
    app: { config: { sessionIdle: '6s' } },
  });

  it('every open tab says why after an idle sign-out, though the server told only the first', async () => {
    const { t, baseUrl, page, context } = e2e;
    const user = await t.createUser({ name: 'Sam Leroy' });
    await page.goto(`${baseUrl}/sign-in`);
    await submitSignIn(page, user.email, user.password);
    await page.getByRole('heading', { level: 1, name: 'Hello, Sam Leroy' }).waitFor();
    // A second tab of the same browser, on the same session.
    const other = await context.newPage();
    await other.goto(`${baseUrl}/`);
    await other.getByRole('heading', { level: 1, name: 'Hello, Sam Leroy' }).waitFor();

    // The first tab to ask is told "idle"; the server deletes the session, so the other hears
    // only that there is none, after its own deadline.
    for (const tab of [page, other]) {
      await tab.waitForURL(`${baseUrl}/sign-in?reason=idle_timeout`, { timeout: 20_000 });
      await tab
        .getByText(/without activity/)
        .first()
        .waitFor();
    }
  }, 40_000);

  it(
    'an error shown before switching language is shown in the new language',
    async () => {
      const { t, baseUrl, page } = e2e;
      const user = await t.createUser({ language: 'en' });
      await page.goto(`${baseUrl}/sign-in`);
      await submitSignIn(page, user.email, 'not-the-right-password');
      await page.getByRole('alert').getByText('Invalid email or password').waitFor();

      await page.getByRole('button', { name: 'Français' }).click();
      await page.getByRole('alert').getByText('Adresse e-mail ou mot de passe non valide').waitFor();
      expect(await page.getByRole('alert').textContent()).not.toContain('Invalid email or password');
    },
    TIMEOUT,
  );
});
