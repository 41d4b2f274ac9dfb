/**
 * Two-factor sign-in in a real Chromium against a real server (SQLite), in French: a passkey
 * through Chromium's virtual authenticator (DevTools protocol), a recovery code, and an
 * authenticator app whose codes the test computes from the key shown on the page.
 *
 * WebAuthn needs a secure context and the relying party ID is the server's configured host
 * name: the page is opened at http://localhost:<port> and the app configured with that URL.
 */
import path from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import { jsonHeaders, sessionCookieFrom, signIn } from '../helpers/app.js';
import { describeBrowser, expectNoSeriousA11yViolations } from '../helpers/browser.js';
import { ARTIFACTS, useBrowserApp } from '../helpers/browser-app.js';
import { authenticatorApp } from '../helpers/totp.js';

const TIMEOUT = 90_000;

describeBrowser('two-factor authentication (browser)', () => {
  const e2e = useBrowserApp({
    reservePort: true,
    app: (baseUrl) => ({ config: { publicUrl: baseUrl } }),
    workers: true,
    context: { locale: 'fr-FR', viewport: { width: 1024, height: 800 } },
  });
  let user: { email: string; name: string; password: string };

  async function signInWithPassword(): Promise<void> {
    const { baseUrl, page } = e2e;
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('Adresse e-mail').fill(user.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  }

  async function expectHome(): Promise<void> {
    const { page } = e2e;
    await page.getByRole('heading', { level: 1, name: `Bonjour, ${user.name}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  }

  async function signOut(): Promise<void> {
    const { page } = e2e;
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
  }

  /** Opens the account page and asks for a new factor; the password dialog comes first. */
  async function startAdding(button: string): Promise<void> {
    const { baseUrl, page } = e2e;
    await page.goto(`${baseUrl}/account/security`);
    await page.getByRole('heading', { level: 2, name: 'Double authentification' }).waitFor();
    await page.getByRole('button', { name: button }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirmez votre mot de passe' });
    await dialog.waitFor();
    await dialog.getByLabel('Mot de passe', { exact: true }).fill(user.password);
    await dialog.getByRole('button', { name: 'Confirmer' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  async function keepRecoveryCodes(): Promise<string[]> {
    const { page } = e2e;
    await page.getByRole('heading', { name: 'Vos codes de secours' }).waitFor();
    const codes = await page.locator('.recovery__code').allTextContents();
    expect(codes).toHaveLength(10);
    expect(await page.getByRole('link', { name: 'Télécharger (.txt)' }).getAttribute('href')).toMatch(
      /^blob:/,
    );
    // Continuing without ticking the box says why.
    await page.getByRole('button', { name: 'Terminer' }).click();
    await page.getByRole('alert').getByText('Cochez la case').waitFor();
    await page.getByLabel('J’ai enregistré ces codes en lieu sûr').check();
    await page.getByRole('button', { name: 'Terminer' }).click();
    return codes;
  }

  beforeEach(async () => {
    user = await e2e.t.createUser({
      name: 'Camille Martin',
      language: 'fr',
      password: 'Quiet-Harbour-Lanterns-42',
    });
  });

  it(
    'adds a passkey, then signs in with it, then with a recovery code',
    async () => {
      const { context, page } = e2e;
      const cdp = await context.newCDPSession(page);
      await cdp.send('WebAuthn.enable');
      await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: {
          protocol: 'ctap2',
          transport: 'internal',
          hasResidentKey: true,
          hasUserVerification: true,
          isUserVerified: true,
          automaticPresenceSimulation: true,
        },
      });

      await signInWithPassword();
      await expectHome();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');

      await startAdding('Ajouter une clé d’accès');
      await page.getByLabel('Nom de la clé d’accès').fill('Tablette de la réception');
      await page.getByRole('button', { name: 'Créer la clé d’accès' }).click();
      const codes = await keepRecoveryCodes();
      await page.getByRole('status').getByText('Clé d’accès « Tablette de la réception » ajoutée.').waitFor();
      await page.getByText('Tablette de la réception', { exact: true }).waitFor();
      await expectNoSeriousA11yViolations(page);

      // Password, then the passkey.
      await signOut();
      await signInWithPassword();
      await page.waitForURL((url) => url.pathname === '/sign-in/verify');
      await page.getByRole('heading', { level: 1, name: 'Double authentification' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Clé d’accès' }).waitFor();
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: path.join(ARTIFACTS, 'mfa-verify.png'), fullPage: true });
      await page.getByRole('button', { name: 'Utiliser ma clé d’accès' }).click();
      await expectHome();

      // Password, then a recovery code.
      await signOut();
      await signInWithPassword();
      await page.waitForURL((url) => url.pathname === '/sign-in/verify');
      await page.getByRole('button', { name: 'Utiliser un code de secours' }).click();
      const field = page.getByRole('textbox', { name: 'Code de secours' });
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')))
        .toBe('recovery-code');
      await field.fill(codes[0] ?? '');
      await page.getByRole('button', { name: 'Vérifier' }).click();
      await page.getByRole('heading', { level: 1, name: 'Vous êtes connecté' }).waitFor();
      await page.getByText('Il vous reste 9 code(s) de secours.').waitFor();
      await page.getByRole('link', { name: 'Continuer' }).click();
      await expectHome();
    },
    TIMEOUT,
  );

  it(
    'adds an authenticator app from its manual key, then signs in with an app code',
    async () => {
      const { page } = e2e;
      await signInWithPassword();
      await expectHome();

      await startAdding('Ajouter une application d’authentification');
      const secretElement = page.locator('code.secret');
      await secretElement.waitFor();
      const shown = (await secretElement.textContent()) ?? '';
      const secret = shown.replace(/\s+/g, '');
      expect(secret).toMatch(/^[A-Z2-7]+=*$/);
      expect(
        await page
          .getByRole('img', { name: 'QR code à scanner avec l’application d’authentification' })
          .getAttribute('src'),
      ).toMatch(/^data:image\/png/);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: path.join(ARTIFACTS, 'mfa-enrol.png'), fullPage: true });

      // A wrong code first: the message comes from the server, the field keeps focus.
      const codeField = page.getByLabel('Code à 6 chiffres de l’application');
      await codeField.fill('12');
      await page.getByRole('button', { name: 'Activer' }).click();
      await page.getByText('Le code compte 6 chiffres').waitFor();

      const totp = authenticatorApp(secret);
      const enrolCode = totp.generate();
      await codeField.fill(enrolCode);
      await page.getByLabel('Nom de cet appareil').fill('Téléphone de Camille');
      await page.getByRole('button', { name: 'Activer' }).click();
      await keepRecoveryCodes();
      await page.getByText('Téléphone de Camille', { exact: true }).waitFor();
      await expectNoSeriousA11yViolations(page);

      await signOut();
      await signInWithPassword();
      await page.waitForURL((url) => url.pathname === '/sign-in/verify');
      await page
        .getByRole('heading', { level: 2, name: 'Code de l’application d’authentification' })
        .waitFor();
      const input = page.getByLabel('Code à 6 chiffres de l’application');
      expect(await input.getAttribute('inputmode')).toBe('numeric');
      expect(await input.getAttribute('autocomplete')).toBe('one-time-code');
      await expectNoSeriousA11yViolations(page);

      // A code is used once: wait for the next one if the enrolment's is still current.
      let code = totp.generate();
      while (code === enrolCode) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        code = totp.generate();
      }
      await input.fill(code);
      await page.getByLabel('Faire confiance à cet appareil pendant 30 jours').check();
      await page.getByRole('button', { name: 'Vérifier' }).click();
      await expectHome();

      // Trusted for 30 days: the next sign-in on this browser needs the password only.
      await signOut();
      await signInWithPassword();
      await expectHome();
    },
    TIMEOUT,
  );

  it(
    'a password changed while the code was being checked: back to the sign-in page, told why',
    async () => {
      const { page, t, baseUrl } = e2e;
      // An authenticator app, enrolled through the API.
      const origin = new URL(baseUrl).origin;
      const cookie = sessionCookieFrom(await signIn(t, user.email, user.password, { origin }));
      const post = (url: string, payload: object) =>
        t.app.inject({ method: 'POST', url, headers: jsonHeaders({ cookie, origin }), payload });
      await post('/api/v1/account/reauth', { password: user.password });
      const start = (await post('/api/v1/account/mfa/totp', {})).json();
      const enrolled = await post('/api/v1/account/mfa/totp/confirm', {
        enrolmentId: start.enrolmentId,
        code: authenticatorApp(start.secret).generate(),
      });
      expect(enrolled.statusCode).toBe(201);
      const recoveryCode: string = enrolled.json().recoveryCodes[0];

      await signInWithPassword();
      await page.waitForURL((url) => url.pathname === '/sign-in/verify');
      // The owner changes the password (another window) just as the code is accepted.
      const open = t.c.sessions.openAfterSignIn;
      t.c.sessions.openAfterSignIn = async (...args) => {
        t.c.sessions.openAfterSignIn = open;
        const changed = await post('/api/v1/account/password', {
          currentPassword: user.password,
          newPassword: 'Amber-Lighthouse-Meadow-77',
        });
        expect(changed.statusCode).toBe(204);
        return open(...args);
      };
      await page.getByRole('button', { name: 'Utiliser un code de secours' }).click();
      await page.getByRole('textbox', { name: 'Code de secours' }).fill(recoveryCode);
      await page.getByRole('button', { name: 'Vérifier' }).click();
      await page.waitForURL((url) => url.pathname === '/sign-in');
      await page.getByText('Votre mot de passe a été changé entre-temps').waitFor();
      await expectNoSeriousA11yViolations(page);
    },
    TIMEOUT,
  );
});
