/**
 * Two-factor policy and e-mailed codes in a real Chromium against a real server (SQLite, real
 * clock): an admin requires two-factor authentication for the property on the users page, and a
 * member without a second factor sets up an authenticator app at sign-in; a person with an app
 * chooses a code by e-mail instead, which really goes through the outbox to an SMTP server the
 * test runs (smtp-server); the same pages in English, with axe checks.
 * Needs the built pages (web/dist).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSmtpTransport } from '../../src/notifications/transports.js';
import { jsonHeaders, sessionCookieFrom, signIn } from '../helpers/app.js';
import { describeBrowser, expectNoSeriousA11yViolations } from '../helpers/browser.js';
import { useBrowserApp } from '../helpers/browser-app.js';
import { createHotel } from '../helpers/property.js';
import { decodeQuotedPrintable, startSmtpReceiver } from '../helpers/smtp.js';
import { authenticatorApp } from '../helpers/totp.js';

const TIMEOUT = 90_000;
const MAIL_WAIT_MS = 20_000;
const HOTEL = 'Hôtel Les Tilleuls';

interface Person {
  id: string;
  email: string;
  name: string;
  password: string;
}

describeBrowser('two-factor policy and e-mailed codes (browser)', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  const e2e = useBrowserApp({
    // Built before each test, once the SMTP receiver below has started.
    app: () => ({ transport: createSmtpTransport(smtp.url) }),
    workers: true,
    context: { locale: 'fr-FR', viewport: { width: 1280, height: 900 } },
    page: false,
  });

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
  });

  afterAll(async () => {
    await smtp?.close();
  });

  function openPage(locale = 'fr-FR'): Promise<Page> {
    return e2e.newPage({ locale });
  }

  async function signInThroughPage(
    page: Page,
    person: Person,
    labels = { email: 'Adresse e-mail', password: 'Mot de passe', submit: 'Se connecter' },
  ): Promise<void> {
    if (new URL(page.url()).pathname !== '/sign-in') await page.goto(`${e2e.baseUrl}/sign-in`);
    await page.getByLabel(labels.email).fill(person.email);
    await page.getByLabel(labels.password, { exact: true }).fill(person.password);
    await page.getByRole('button', { name: labels.submit, exact: true }).click();
  }

  async function expectHome(page: Page, greeting: string): Promise<void> {
    await page.getByRole('heading', { level: 1, name: greeting }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  }

  /** Adds an authenticator app through the account API, as the security page would. */
  async function withAuthenticatorApp(person: Person): Promise<void> {
    const { t } = e2e;
    const cookie = sessionCookieFrom(await signIn(t, person.email, person.password));
    const post = (url: string, payload: object) =>
      t.app.inject({ method: 'POST', url, headers: jsonHeaders({ cookie }), payload });
    expect((await post('/api/v1/account/reauth', { password: person.password })).statusCode).toBe(204);
    const start = (await post('/api/v1/account/mfa/totp', {})).json();
    const confirm = await post('/api/v1/account/mfa/totp/confirm', {
      enrolmentId: start.enrolmentId,
      code: authenticatorApp(start.secret).generate(),
    });
    expect(confirm.statusCode).toBe(201);
  }

  /** The codes in the sign-in code e-mails to `to` that reached the SMTP server so far. */
  function codesMailedTo(to: string, sentence: string): string[] {
    const pattern = new RegExp(`${sentence} (\\d{6})`);
    return smtp.received
      .filter((mail) => mail.to.includes(to))
      .map((mail) => pattern.exec(decodeQuotedPrintable(mail.raw))?.[1])
      .filter((code): code is string => code !== undefined);
  }

  /** Waits for exactly one sign-in code e-mail to `to` and returns its code. */
  async function emailedCode(to: string, sentence: string): Promise<string> {
    await expect
      .poll(() => codesMailedTo(to, sentence).length, { timeout: MAIL_WAIT_MS, interval: 200 })
      .toBe(1);
    const [code] = codesMailedTo(to, sentence);
    expect(code).toMatch(/^\d{6}$/);
    return code ?? '';
  }

  async function factorCount(userId: string): Promise<number> {
    const rows = await e2e.t.c.store.db
      .selectFrom('mfa_factors')
      .select('id')
      .where('user_id', '=', userId)
      .execute();
    return rows.length;
  }

  it(
    'an admin requires two-factor on the users page; a member without one sets up an app at sign-in',
    async () => {
      const { t } = e2e;
      const { property, members } = await createHotel(
        t,
        {
          'Sophie Martin': { role: 'admin', language: 'fr' },
          'Lucas Bernard': { role: 'member', language: 'fr' },
        },
        HOTEL,
      );
      const admin = members['Sophie Martin'] as Person;
      const member = members['Lucas Bernard'] as Person;

      // The admin turns the policy on.
      const adminPage = await openPage();
      await signInThroughPage(adminPage, admin);
      await expectHome(adminPage, 'Bonjour, Sophie Martin');
      await adminPage
        .getByRole('navigation', { name: 'Navigation principale' })
        .getByRole('link', { name: 'Utilisateurs' })
        .click();
      await adminPage.getByRole('heading', { level: 1, name: 'Utilisateurs' }).waitFor();
      const lucasRow = adminPage.getByRole('row', { name: /Lucas Bernard/ });
      await lucasRow.getByRole('cell', { name: 'Non activée', exact: true }).waitFor();
      const policy = adminPage.getByRole('region', {
        name: 'Double authentification pour tout l’établissement',
      });
      // The admin sees the current setting and is offered only the change.
      await policy.getByText('Actuellement : pas exigée, chacun choisit.').waitFor();
      expect(await policy.getByRole('button', { name: 'Ne plus l’exiger' }).count()).toBe(0);
      await policy.getByRole('button', { name: 'Exiger la double authentification pour tous' }).click();
      const dialog = adminPage.getByRole('dialog', { name: 'Exiger la double authentification pour tous ?' });
      await dialog.waitFor();
      await dialog
        .getByText(
          `Toutes les personnes de ${HOTEL} sans double authentification devront l’activer à leur prochaine connexion.`,
        )
        .waitFor();
      await dialog.getByRole('button', { name: 'Exiger', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      await policy
        .getByRole('status')
        .getByText(`La double authentification est désormais exigée pour tous à ${HOTEL}.`)
        .waitFor();
      await policy.getByText('Actuellement : exigée de tous les membres.').waitFor();
      await policy.getByRole('button', { name: 'Ne plus l’exiger' }).waitFor();
      expect(
        await policy.getByRole('button', { name: 'Exiger la double authentification pour tous' }).count(),
      ).toBe(0);
      const stored = await t.c.store.db
        .selectFrom('properties')
        .select('require_two_factor')
        .where('id', '=', property.id)
        .executeTakeFirstOrThrow();
      expect(stored.require_two_factor).toBe(1);

      // The member signs in and is taken to the set-up page.
      const page = await openPage();
      await signInThroughPage(page, member);
      await page.waitForURL((url) => url.pathname === '/sign-in/enrol');
      await page.getByRole('heading', { level: 1, name: 'Activez la double authentification' }).waitFor();
      await page.getByText('Votre établissement l’exige').waitFor();
      const secret = (await page.locator('code.secret').getAttribute('data-secret')) ?? '';
      expect(secret).toMatch(/^[A-Z2-7]+=*$/);
      expect((await page.locator('code.secret').textContent())?.replace(/\s+/g, '')).toBe(secret);
      expect(
        await page
          .getByRole('img', { name: 'QR code à scanner avec l’application d’authentification' })
          .getAttribute('src'),
      ).toMatch(/^data:image\/png/);
      await expectNoSeriousA11yViolations(page);
      expect(await factorCount(member.id)).toBe(0);

      await page.getByLabel('Code à 6 chiffres de l’application').fill(authenticatorApp(secret).generate());
      await page.getByRole('button', { name: 'Activer' }).click();
      await page.getByRole('heading', { level: 1, name: 'Vos codes de secours' }).waitFor();
      await page
        .getByRole('status')
        .getByText('La double authentification est activée et vous êtes connecté.')
        .waitFor();
      const codes = await page
        .getByRole('list', { name: 'Codes de secours' })
        .getByRole('listitem')
        .allTextContents();
      expect(codes).toHaveLength(10);
      await page.getByLabel('J’ai enregistré ces codes en lieu sûr').check();
      await page.getByRole('button', { name: 'Continuer' }).click();
      await expectHome(page, 'Bonjour, Lucas Bernard');
      expect(await factorCount(member.id)).toBe(1);

      // The admin's list now shows the member's two-factor authentication as on.
      await adminPage.reload();
      await lucasRow.getByRole('cell', { name: 'Activée', exact: true }).waitFor();
    },
    TIMEOUT,
  );

  it(
    'a person with an authenticator app chooses a code by e-mail and signs in with it',
    async () => {
      const { t } = e2e;
      const user = await t.createUser({ name: 'Camille Martin', language: 'fr' });
      await withAuthenticatorApp(user);

      const page = await openPage();
      await signInThroughPage(page, user);
      await page.waitForURL((url) => url.pathname === '/sign-in/verify');
      await page.getByRole('heading', { level: 1, name: 'Double authentification' }).waitFor();
      await page
        .getByRole('heading', { level: 2, name: 'Code de l’application d’authentification' })
        .waitFor();
      expect(codesMailedTo(user.email, 'Votre code de vérification est')).toEqual([]);

      await page.getByRole('button', { name: 'M’envoyer un code par e-mail' }).click();
      await page.getByRole('heading', { level: 2, name: 'Code reçu par e-mail' }).waitFor();
      await page.getByRole('status').getByText('Code envoyé à votre adresse e-mail.').waitFor();
      const field = page.getByRole('textbox', { name: 'Code à 6 chiffres reçu par e-mail' });
      await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.getByRole('button', { name: 'Utiliser le code de l’application' }).waitFor();
      await expectNoSeriousA11yViolations(page);

      const code = await emailedCode(user.email, 'Votre code de vérification est');
      await field.fill(code);
      await page.getByRole('button', { name: 'Vérifier' }).click();
      await expectHome(page, 'Bonjour, Camille Martin');
    },
    TIMEOUT,
  );

  it(
    'in English: the set-up page at sign-in, then the verify page with a code by e-mail',
    async () => {
      const { t, baseUrl } = e2e;
      const { property, members } = await createHotel(
        t,
        {
          'Sophie Martin': { role: 'admin', language: 'fr' },
          'Emma Clarke': { role: 'member', language: 'en' },
        },
        HOTEL,
      );
      const admin = members['Sophie Martin'];
      const member = members['Emma Clarke'] as Person;
      const policy = await t.app.inject({
        method: 'POST',
        url: `/api/v1/properties/${property.id}/two-factor-policy`,
        headers: jsonHeaders({ cookie: admin?.cookie ?? '' }),
        payload: { required: true },
      });
      expect(policy.statusCode).toBe(204);

      // A French browser; the person picks English on the sign-in page.
      const page = await openPage('fr-FR');
      await page.goto(`${baseUrl}/sign-in`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      const english = { email: 'Email address', password: 'Password', submit: 'Sign in' };
      await signInThroughPage(page, member, english);

      await page.waitForURL((url) => url.pathname === '/sign-in/enrol');
      await page.getByRole('heading', { level: 1, name: 'Turn on two-step verification' }).waitFor();
      await page.getByText('Your property requires it').waitFor();
      await page.getByRole('img', { name: 'QR code to scan with the authenticator app' }).waitFor();
      await expectNoSeriousA11yViolations(page);
      const secret = (await page.locator('code.secret').getAttribute('data-secret')) ?? '';
      await page.getByLabel('6-digit code from the app').fill(authenticatorApp(secret).generate());
      await page.getByRole('button', { name: 'Turn on' }).click();
      await page.getByRole('heading', { level: 1, name: 'Your recovery codes' }).waitFor();
      await page.getByLabel('I’ve saved these codes somewhere safe').check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await expectHome(page, 'Hello, Emma Clarke');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/sign-in');
      await signInThroughPage(page, member, english);
      await page.waitForURL((url) => url.pathname === '/sign-in/verify');
      await page.getByRole('heading', { level: 1, name: 'Two-step verification' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Code from your authenticator app' }).waitFor();
      await page.getByRole('button', { name: 'Email me a code' }).click();
      await page.getByRole('heading', { level: 2, name: 'Code by email' }).waitFor();
      await page.getByRole('status').getByText('Code sent to your email address.').waitFor();
      await page.getByText('The code is in the email').waitFor();
      await page.getByRole('button', { name: 'Send another code' }).waitFor();
      await expectNoSeriousA11yViolations(page);

      const code = await emailedCode(member.email, 'Your verification code is');
      await page.getByLabel('6-digit code from the email').fill(code);
      await page.getByRole('button', { name: 'Verify' }).click();
      await expectHome(page, 'Hello, Emma Clarke');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    },
    TIMEOUT,
  );
});
