/**
 * Forgotten password, reset link and account security in a real Chromium against a real server
 * (SQLite, real clock), in French. The background workers run, so the reset e-mail really goes
 * through the job queue and the outbox into the local development mailbox, where the test (and
 * the /dev/mailbox page) pick up the link. Needs the built pages (web/dist).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { jsonHeaders, signIn } from '../helpers/app.js';
import { describeBrowser, expectNoSeriousA11yViolations } from '../helpers/browser.js';
import { ARTIFACTS, useBrowserApp } from '../helpers/browser-app.js';

const TIMEOUT = 60_000;
const MAILBOX_WAIT_MS = 20_000;

const STRONG_PASSWORD = 'Lanterne-Violette-Marée-2048';
const OTHER_STRONG_PASSWORD = 'Girafe-Orageuse-Basalte-77';
const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const RESET_LINK = /https?:\/\/\S+\/reset-password#token=[A-Za-z0-9_-]+/;

interface MailboxMessage {
  id: number;
  to: string;
  subject: string;
  text: string;
  language: string;
  status: string;
}

describeBrowser('password reset and account security (browser)', () => {
  // The background workers deliver reset requests and e-mails into the local mailbox.
  const e2e = useBrowserApp({ app: { config: { devMailbox: true } }, workers: true, page: false });

  function openPage(options: { locale: string; width: number; height: number }): Promise<Page> {
    return e2e.newPage({
      locale: options.locale,
      viewport: { width: options.width, height: options.height },
    });
  }

  /** Polls the development mailbox until a reset e-mail for `email` arrives; returns it and its link. */
  async function waitForResetMail(email: string): Promise<{ message: MailboxMessage; link: URL }> {
    const deadline = Date.now() + MAILBOX_WAIT_MS;
    let seen: MailboxMessage[] = [];
    while (Date.now() < deadline) {
      const response = await fetch(`${e2e.baseUrl}/api/v1/dev/mailbox?to=${encodeURIComponent(email)}`);
      expect(response.status).toBe(200);
      seen = ((await response.json()) as { messages: MailboxMessage[] }).messages;
      for (const message of seen) {
        const match = RESET_LINK.exec(message.text);
        if (match) return { message, link: new URL(match[0]) };
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(
      `no reset e-mail for ${email} within ${MAILBOX_WAIT_MS} ms; mailbox: ${JSON.stringify(seen)}`,
    );
  }

  it(
    'a locked-out user gets a link by e-mail, chooses a new password guided by the meter, and signs in with it',
    async () => {
      const { t, baseUrl, onTestServer } = e2e;
      const user = await t.createUser({
        language: 'fr',
        name: 'Camille Lefèvre',
        email: 'camille.lefevre@hotel.example',
      });
      for (let attempt = 1; attempt <= 7; attempt++) {
        const wrong = await signIn(t, user.email, `pas-le-bon-mot-de-passe-${attempt}`);
        expect(wrong.statusCode).toBe(401);
      }
      const locked = await signIn(t, user.email, user.password);
      expect(locked.statusCode).toBe(403);
      expect(locked.json().error.code).toBe('account_disabled');

      // A phone-sized window: the pages must work there.
      const page = await openPage({ locale: 'fr-FR', width: 390, height: 844 });

      // 1. Ask for the link.
      await page.goto(`${baseUrl}/forgot-password`);
      await page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
      await page.getByLabel('Adresse e-mail').fill(user.email);
      await page.getByRole('button', { name: 'Recevoir le lien' }).click();
      await page.getByRole('heading', { level: 1, name: 'Consultez votre messagerie' }).waitFor();
      expect(
        await page.getByText(`Si un compte Portier correspond à l’adresse ${user.email}`).isVisible(),
      ).toBe(true);
      expect(
        await page.getByText('Le lien ne sert qu’une seule fois et reste valable 1 heure.').isVisible(),
      ).toBe(true);

      // 2. The e-mail arrives in the local mailbox, in French; the mailbox page shows its link.
      const { message, link } = await waitForResetMail(user.email);
      expect(message.language).toBe('fr');
      await page.goto(`${baseUrl}/dev/mailbox`);
      await page.getByRole('heading', { level: 1, name: 'Boîte aux lettres de développement' }).waitFor();
      const mailLink = page.locator('pre a[href*="/reset-password#token="]').first();
      await mailLink.waitFor();
      expect(await mailLink.getAttribute('href')).toBe(link.href);

      // 3. Follow the link: the token leaves the address bar at once.
      await page.goto(onTestServer(link));
      await page.getByRole('heading', { level: 1, name: 'Choisir un nouveau mot de passe' }).waitFor();
      await page.waitForFunction(() => window.location.hash === '');
      expect(new URL(page.url()).pathname).toBe('/reset-password');
      expect(await page.getByText('Votre nouveau mot de passe doit :').isVisible()).toBe(true);

      // 4. A weak password: the meter says why, in French, and the server refuses it too.
      const newPassword = page.getByLabel('Nouveau mot de passe', { exact: true });
      const confirm = page.getByLabel('Confirmez le nouveau mot de passe');
      await newPassword.fill('azerty');
      await page.getByText('il faut au moins 12 caractères').waitFor();
      expect(await page.getByText('Ce mot de passe ne sera pas accepté :').isVisible()).toBe(true);
      await confirm.fill('azerty');
      await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
      await page.getByRole('alert').getByText('Choisissez un autre mot de passe').waitFor();
      expect(await newPassword.getAttribute('aria-invalid')).toBe('true');

      // 5. A mistyped confirmation is caught before sending.
      await newPassword.fill(STRONG_PASSWORD);
      await confirm.fill(`${STRONG_PASSWORD}!`);
      await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
      await page.getByText('Les deux saisies ne correspondent pas.').waitFor();
      expect(await confirm.getAttribute('aria-invalid')).toBe('true');

      // 6. A strong one.
      await confirm.fill(STRONG_PASSWORD);
      await page.getByText('Ce mot de passe convient.').waitFor();
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: path.join(ARTIFACTS, 'reset-password.png'), fullPage: true });
      await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mot de passe modifié' }).waitFor();
      expect(
        await page.getByText('toutes les sessions ouvertes sur votre compte ont été fermées').isVisible(),
      ).toBe(true);
      await expectNoSeriousA11yViolations(page);

      // 7. Sign in with it: the account is enabled again.
      await page.getByRole('link', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      await page.getByLabel('Adresse e-mail').fill(user.email);
      await page.getByLabel('Mot de passe', { exact: true }).fill(STRONG_PASSWORD);
      await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Bonjour, Camille Lefèvre' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
    },
    TIMEOUT,
  );

  it(
    'a reset link that was already used says so and offers a new one',
    async () => {
      const { t, onTestServer } = e2e;
      const user = await t.createUser({ language: 'fr', name: 'Noé Garnier' });
      const requested = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset',
        headers: jsonHeaders({ 'accept-language': 'fr' }),
        payload: { email: user.email },
      });
      expect(requested.statusCode).toBe(202);
      const { link } = await waitForResetMail(user.email);
      const used = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset/confirm',
        headers: jsonHeaders(),
        payload: { token: link.hash.replace('#token=', ''), password: OTHER_STRONG_PASSWORD },
      });
      expect(used.statusCode).toBe(204);

      const page = await openPage({ locale: 'fr-FR', width: 1024, height: 800 });
      await page.goto(onTestServer(link));
      await page.getByRole('heading', { level: 1, name: 'Choisir un nouveau mot de passe' }).waitFor();
      await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(STRONG_PASSWORD);
      await page.getByLabel('Confirmez le nouveau mot de passe').fill(STRONG_PASSWORD);
      await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();

      await page.getByRole('heading', { level: 1, name: 'Ce lien ne fonctionne plus' }).waitFor();
      await page
        .getByRole('alert')
        .getByText('Ce lien de réinitialisation n’est plus valable : votre mot de passe n’a pas été modifié.')
        .waitFor();
      await page.getByRole('link', { name: 'Recevoir un nouveau lien' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' }).waitFor();

      // The password set through the first use still stands.
      expect((await signIn(t, user.email, OTHER_STRONG_PASSWORD)).statusCode).toBe(200);
    },
    TIMEOUT,
  );

  it(
    'the account security page shows the password dates and the sessions, ends another session and changes the password',
    async () => {
      const { t, baseUrl } = e2e;
      const user = await t.createUser({ language: 'fr', name: 'Inès Moreau' });
      const elsewhere = await signIn(t, user.email, user.password, { 'user-agent': FIREFOX_ON_WINDOWS });
      expect(elsewhere.statusCode).toBe(200);

      const page = await openPage({ locale: 'fr-FR', width: 1024, height: 900 });
      await page.goto(`${baseUrl}/sign-in`);
      await page.getByLabel('Adresse e-mail').fill(user.email);
      await page.getByLabel('Mot de passe', { exact: true }).fill(user.password);
      await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Bonjour, Inès Moreau' }).waitFor();

      await page.getByRole('link', { name: /Sécurité du compte/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Sécurité du compte' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/account/security');

      // Password dates: just changed, so it expires in 90 days.
      // Intl puts a no-break space between the number and the unit.
      await page.getByText(/le \d+ \S+ \d{4}, dans 90\sjours/).waitFor();

      // Sessions: this browser (headless Chromium on Linux) is marked, the Firefox one can be ended.
      const sessions = page.locator('.sessions > li');
      await sessions.first().waitFor();
      expect(await sessions.count()).toBe(2);
      const current = sessions.filter({ hasText: 'Cet appareil' });
      expect(await current.count()).toBe(1);
      expect(await current.getByText('Chrome sous Linux').isVisible()).toBe(true);
      const firefox = sessions.filter({ hasText: 'Firefox sous Windows' });
      expect(await firefox.count()).toBe(1);
      expect(await firefox.getByText('127.0.0.1').isVisible()).toBe(true);

      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: path.join(ARTIFACTS, 'account-security.png'), fullPage: true });

      await firefox.getByRole('button', { name: /Déconnecter/ }).click();
      await page.getByRole('status').getByText('La session « Firefox sous Windows » est fermée.').waitFor();
      await page.getByText('Votre compte n’est connecté sur aucun autre appareil.').waitFor();
      expect(await sessions.count()).toBe(1);

      // Change the password from the page.
      await page.getByLabel('Mot de passe actuel', { exact: true }).fill(user.password);
      await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(STRONG_PASSWORD);
      await page.getByLabel('Confirmez le nouveau mot de passe').fill(STRONG_PASSWORD);
      await page.getByText('Ce mot de passe convient.').waitFor();
      await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
      await page.getByText('Votre mot de passe a été changé.').waitFor();
      expect(await page.getByLabel('Nouveau mot de passe', { exact: true }).inputValue()).toBe('');
      await expectNoSeriousA11yViolations(page);

      expect((await signIn(t, user.email, STRONG_PASSWORD)).statusCode).toBe(200);
      // This session was kept.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Sécurité du compte' }).waitFor();
    },
    TIMEOUT,
  );

  it(
    'an expired password leads from sign-in to the change page, token kept out of the address bar, then home',
    async () => {
      const { t, baseUrl } = e2e;
      const user = await t.createUser({ language: 'fr', name: 'Louis Perrin' });
      // 100 days ago: past the 90-day rule.
      await t.c.store.db
        .updateTable('users')
        .set({ password_changed_at: Date.now() - 100 * 86_400_000 })
        .where('id', '=', user.id)
        .execute();

      const page = await openPage({ locale: 'fr-FR', width: 768, height: 1000 });

      // Without a change token the page sends you to sign in first, and says why.
      await page.goto(`${baseUrl}/password-expired`);
      await page.waitForURL(`${baseUrl}/sign-in?reason=change_missing`);
      await page.getByText('Pour remplacer un mot de passe expiré, connectez-vous d’abord').waitFor();

      await page.getByLabel('Adresse e-mail').fill(user.email);
      await page.getByLabel('Mot de passe', { exact: true }).fill(user.password);
      await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Votre mot de passe a expiré' }).waitFor();
      expect(page.url()).toBe(`${baseUrl}/password-expired`);
      expect(await page.evaluate(() => sessionStorage.getItem('portier.changeToken'))).toMatch(
        /^[\w-]{16,}$/,
      );
      expect(await page.getByText('Votre mot de passe a plus de 90 jours.').isVisible()).toBe(true);

      await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(STRONG_PASSWORD);
      await page.getByLabel('Confirmez le nouveau mot de passe').fill(STRONG_PASSWORD);
      await page.getByText('Ce mot de passe convient.').waitFor();
      await page.getByRole('button', { name: 'Enregistrer et me connecter' }).click();

      await page.getByRole('heading', { level: 1, name: 'Bonjour, Louis Perrin' }).waitFor();
      expect(await page.evaluate(() => sessionStorage.getItem('portier.changeToken'))).toBeNull();
    },
    TIMEOUT,
  );
});
