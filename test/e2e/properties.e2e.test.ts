/**
 * Properties, users and access in a real Chromium against a real server (SQLite, real clock), in
 * French: a user manager re-enables a locked-out colleague and finds it in the audit log, edits the
 * access matrix (undo, save, a right they lack is disabled), invites someone who accepts through the
 * e-mailed link; a member sees whom to ask for a closed tab; several properties lead to the picker,
 * and a suspended one says who was told. Data is built through the services and the API.
 * Needs the built pages (web/dist).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { Role } from '../../src/db/types.js';
import { sessionCookieFrom, signIn } from '../helpers/app.js';
import { describeBrowser, expectNoSeriousA11yViolations } from '../helpers/browser.js';
import { ARTIFACTS, useBrowserApp } from '../helpers/browser-app.js';

const TIMEOUT = 60_000;
const MAILBOX_WAIT_MS = 20_000;

const HOTEL = 'Hôtel Les Tilleuls';
const BILLING = {
  name: 'Comptabilité Tilleuls',
  email: 'compta@tilleuls.example',
  phone: '+33 4 12 34 56 78',
};
const STRONG_PASSWORD = 'Cerisier-Boussole-Glacier-93';
const INVITATION_LINK = /https?:\/\/\S+\/accept-invitation#token=[A-Za-z0-9_-]+/;
const CONFIRM_EMAIL_LINK = /https?:\/\/\S+\/confirm-email#token=[A-Za-z0-9_-]+/;

interface Person {
  id: string;
  email: string;
  name: string;
  password: string;
}

describeBrowser('properties, users and access (browser)', () => {
  const e2e = useBrowserApp({
    app: { config: { devMailbox: true } },
    workers: true,
    context: { locale: 'fr-FR' },
    page: false,
  });

  function openPage(options: { width: number; height: number }): Promise<Page> {
    return e2e.newPage({ viewport: options });
  }

  async function addPerson(
    propertyId: string,
    name: string,
    role: Role,
    grants: Array<{ product: string; tab: string }> = [],
  ): Promise<Person> {
    const email = `${name
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z]+/g, '.')}@tilleuls.example`;
    const { t } = e2e;
    const user = await t.createUser({ name, email, language: 'fr' });
    await t.c.properties.addMember({ propertyId, userId: user.id, role, grants, actor: { type: 'system' } });
    return user;
  }

  /**
   * Sophie manages users and holds the whole channel manager plus the front desk's bookings;
   * Lucas is a member who may open the channel manager's reservations. Nobody holds housekeeping.
   */
  async function createHotel(name = HOTEL) {
    const property = await e2e.t.c.properties.createProperty({
      name,
      billingContact: BILLING,
      actor: { type: 'system' },
    });
    const manager = await addPerson(property.id, 'Sophie Martin', 'user_manager', [
      { product: 'channel-manager', tab: '*' },
      { product: 'front-desk', tab: 'bookings' },
    ]);
    const member = await addPerson(property.id, 'Lucas Bernard', 'member', [
      { product: 'channel-manager', tab: 'reservations' },
    ]);
    return { property, manager, member };
  }

  async function signInThroughPage(page: Page, person: Person, password = person.password): Promise<void> {
    await page.goto(`${e2e.baseUrl}/sign-in`);
    await page.getByLabel('Adresse e-mail').fill(person.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  }

  /** Same-origin API call with a session cookie, as the browser would make it. */
  async function apiAs(cookie: string, url: string) {
    return e2e.t.app.inject({ method: 'GET', url, headers: { cookie, 'accept-language': 'fr' } });
  }

  async function waitForInvitation(email: string): Promise<URL> {
    return waitForLink(email, INVITATION_LINK);
  }

  async function waitForLink(email: string, pattern: RegExp): Promise<URL> {
    const deadline = Date.now() + MAILBOX_WAIT_MS;
    while (Date.now() < deadline) {
      const response = await fetch(`${e2e.baseUrl}/api/v1/dev/mailbox?to=${encodeURIComponent(email)}`);
      expect(response.status).toBe(200);
      const { messages } = (await response.json()) as { messages: Array<{ text: string }> };
      for (const message of messages) {
        const match = pattern.exec(message.text);
        if (match) return new URL(match[0]);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`no e-mail matching ${pattern} for ${email} within ${MAILBOX_WAIT_MS} ms`);
  }

  it(
    'a user manager sees a locked-out colleague and why, re-enables them in two clicks, and the log shows it',
    async () => {
      const { t } = e2e;
      const { manager, member } = await createHotel();
      for (let attempt = 1; attempt <= 7; attempt++) {
        expect((await signIn(t, member.email, `mauvais-mot-de-passe-${attempt}`)).statusCode).toBe(401);
      }
      const locked = await signIn(t, member.email, member.password);
      expect(locked.statusCode).toBe(403);
      expect(locked.json().error.code).toBe('account_disabled');

      // A tablet in landscape at the front desk: wide enough for the table.
      const page = await openPage({ width: 1280, height: 900 });
      await signInThroughPage(page, manager);
      await page.getByRole('heading', { level: 1, name: 'Bonjour, Sophie Martin' }).waitFor();

      const nav = page.getByRole('navigation', { name: 'Navigation principale' });
      await nav.getByRole('link', { name: 'Utilisateurs' }).click();
      await page.getByRole('heading', { level: 1, name: 'Utilisateurs' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Utilisateurs' }).getAttribute('aria-current')).toBe('page');
      // The heading takes focus after navigation.
      await page.waitForFunction(() => document.activeElement?.tagName === 'H1');

      const row = page.getByRole('row', { name: /Lucas Bernard/ });
      await row.waitFor();
      expect(await row.getByText('Désactivé', { exact: true }).isVisible()).toBe(true);
      expect(await row.getByText('7 tentatives incorrectes').isVisible()).toBe(true);
      expect(await row.getByRole('cell', { name: member.email }).isVisible()).toBe(true);
      const managerRow = page.getByRole('row', { name: /Sophie Martin/ });
      expect(await managerRow.getByText('Actif', { exact: true }).isVisible()).toBe(true);
      expect(await managerRow.getByText('Vous', { exact: true }).isVisible()).toBe(true);

      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: path.join(ARTIFACTS, 'users-list.png'), fullPage: true });

      // Filters: disabled accounts only, then a search that matches nobody.
      await page.getByLabel('Statut').selectOption({ label: 'Désactivés' });
      await page.getByText('Personnes affichées : 1 sur 2').waitFor();
      expect(await page.getByRole('row', { name: /Sophie Martin/ }).count()).toBe(0);
      await page.getByLabel('Rechercher un nom ou une adresse e-mail').fill('zzz');
      await page.getByText('Personne ne correspond à ces filtres.').waitFor();
      await page.getByLabel('Rechercher un nom ou une adresse e-mail').fill('lucas');
      await row.waitFor();

      // The person's page: the same facts, then the two-click re-enable.
      await row.getByRole('link', { name: 'Lucas Bernard' }).click();
      await page.getByRole('heading', { level: 1, name: 'Lucas Bernard' }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/property/users/${member.id}`);
      expect(await page.getByText('7 tentatives incorrectes').isVisible()).toBe(true);

      await page.getByRole('button', { name: 'Réactiver le compte' }).click();
      const confirm = page.getByRole('button', { name: 'Oui, réactiver' });
      await confirm.waitFor();
      // The first click changed nothing yet.
      expect((await signIn(t, member.email, member.password)).statusCode).toBe(403);
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Oui, réactiver');
      await confirm.click();
      await page
        .getByRole('status')
        .getByText('Le compte de Lucas Bernard est réactivé : cette personne peut de nouveau se connecter.')
        .waitFor();
      await page.getByText('Actif', { exact: true }).waitFor();

      // The colleague can sign in again.
      expect((await signIn(t, member.email, member.password)).statusCode).toBe(200);

      // The audit log says who did it, in words.
      await nav.getByRole('link', { name: 'Journal d’activité' }).click();
      await page.getByRole('heading', { level: 1, name: 'Journal d’activité' }).waitFor();
      await page.getByText('Sophie Martin a réactivé le compte de Lucas Bernard').waitFor();
      // Filtering by kind of action keeps that line.
      await page.getByLabel('Type d’action').selectOption({ label: 'Compte réactivé' });
      await page.getByRole('button', { name: 'Filtrer' }).click();
      await page.getByText('Événements affichés : 1').waitFor();
      expect(await page.getByText('Sophie Martin a réactivé le compte de Lucas Bernard').isVisible()).toBe(
        true,
      );
      await expectNoSeriousA11yViolations(page);
    },
    TIMEOUT,
  );

  it(
    'the access matrix: undo before saving, a right the manager lacks is disabled, a saved grant opens the tab',
    async () => {
      const { t, baseUrl } = e2e;
      const { manager, member } = await createHotel();
      const memberCookie = sessionCookieFrom(await signIn(t, member.email, member.password));
      const bookings = '/api/v1/access?product=front-desk&tab=bookings';
      const before = await apiAs(memberCookie, bookings);
      expect(before.statusCode).toBe(403);
      expect(before.json().error.code).toBe('missing_grant');

      const page = await openPage({ width: 1024, height: 900 });
      await signInThroughPage(page, manager);
      await page.getByRole('heading', { level: 1, name: 'Bonjour, Sophie Martin' }).waitFor();
      await page.goto(`${baseUrl}/property/users/${member.id}`);
      await page.getByRole('heading', { level: 1, name: 'Lucas Bernard' }).waitFor();

      const frontDesk = page.getByRole('group', { name: 'Réception' });
      const channelManager = page.getByRole('group', { name: 'Channel manager' });
      const frontDeskBookings = frontDesk.getByRole('checkbox', { name: 'Réservations' });
      await frontDeskBookings.waitFor();

      // What Lucas has today is ticked; what Sophie lacks is disabled and says why.
      expect(await channelManager.getByRole('checkbox', { name: 'Réservations' }).isChecked()).toBe(true);
      expect(await frontDeskBookings.isChecked()).toBe(false);
      expect(await frontDeskBookings.isDisabled()).toBe(false);
      const housekeeping = frontDesk.getByRole('checkbox', { name: 'Gouvernance' });
      expect(await housekeeping.isDisabled()).toBe(true);
      expect(
        await frontDesk
          .locator('li', { hasText: 'Gouvernance' })
          .getByText('Vous n’avez pas cet accès')
          .isVisible(),
      ).toBe(true);
      expect(await frontDesk.getByRole('checkbox', { name: 'Tout le logiciel' }).isDisabled()).toBe(true);
      expect(await channelManager.getByRole('checkbox', { name: 'Tout le logiciel' }).isDisabled()).toBe(
        false,
      );

      // Undo before saving goes back to the server's state.
      const unsaved = page.getByText('Modifications non enregistrées');
      expect(await unsaved.count()).toBe(0);
      await frontDeskBookings.check();
      await unsaved.waitFor();
      await page.getByRole('button', { name: 'Annuler les modifications' }).click();
      await unsaved.waitFor({ state: 'detached' });
      expect(await frontDeskBookings.isChecked()).toBe(false);
      expect((await apiAs(memberCookie, bookings)).statusCode).toBe(403);

      // Grant and save.
      await frontDeskBookings.check();
      await unsaved.waitFor();
      await expectNoSeriousA11yViolations(page);
      await page
        .getByRole('region', { name: 'Accès aux logiciels' })
        .screenshot({ path: path.join(ARTIFACTS, 'grant-matrix.png') });
      await page.getByRole('button', { name: 'Enregistrer les accès' }).click();
      await page.getByRole('status').getByText('Les accès de Lucas Bernard sont enregistrés.').waitFor();
      expect(await unsaved.count()).toBe(0);

      // Lucas may now open the front desk's bookings, and still not housekeeping.
      const after = await apiAs(memberCookie, bookings);
      expect(after.statusCode).toBe(200);
      expect(after.json().allowed).toBe(true);
      expect(
        (await apiAs(memberCookie, '/api/v1/access?product=front-desk&tab=housekeeping')).statusCode,
      ).toBe(403);

      // After a reload the page shows what the server holds.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Lucas Bernard' }).waitFor();
      await frontDeskBookings.waitFor();
      expect(await frontDeskBookings.isChecked()).toBe(true);
      await expectNoSeriousA11yViolations(page);
    },
    TIMEOUT,
  );

  it(
    'invites someone, who accepts through the e-mailed link, chooses a password and signs in',
    async () => {
      const { onTestServer } = e2e;
      const { manager } = await createHotel();
      const page = await openPage({ width: 1024, height: 900 });
      await signInThroughPage(page, manager);
      await page.getByRole('heading', { level: 1, name: 'Bonjour, Sophie Martin' }).waitFor();
      await page.getByRole('link', { name: /Gérer les utilisateurs/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Utilisateurs' }).waitFor();
      await page.getByRole('link', { name: 'Inviter une personne' }).click();
      await page.getByRole('heading', { level: 1, name: 'Inviter une personne' }).waitFor();

      // A user manager is not offered the administrator role.
      const roles = await page.getByLabel('Rôle', { exact: true }).locator('option').allTextContents();
      expect(roles).toEqual(['Gestionnaire des utilisateurs', 'Membre']);

      const email = 'chloe.petit@tilleuls.example';
      await page.getByLabel('Adresse e-mail').fill(email);
      await page.getByLabel('Nom (facultatif)').fill('Chloé Petit');
      await page.getByRole('radio', { name: 'Français' }).check();
      await page
        .getByRole('group', { name: 'Channel manager' })
        .getByRole('checkbox', { name: 'Rapports' })
        .check();
      await expectNoSeriousA11yViolations(page);
      await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();

      await page.getByRole('heading', { level: 1, name: 'Utilisateurs' }).waitFor();
      await page.getByRole('status').getByText(`Invitation envoyée à ${email}.`).waitFor();
      const pending = page.getByRole('region', { name: 'Invitations en attente' });
      await pending.getByText('Chloé Petit').waitFor();
      expect(await pending.getByText(email, { exact: true }).isVisible()).toBe(true);

      // The invitee opens the link in their own browser.
      const link = await waitForInvitation(email);
      const invitee = await openPage({ width: 768, height: 1024 });
      await invitee.goto(onTestServer(link));
      await invitee.getByRole('heading', { level: 1, name: `Rejoindre ${HOTEL}` }).waitFor();
      await invitee.waitForFunction(() => window.location.hash === '');
      expect(await invitee.getByText('avec le rôle « Membre »').isVisible()).toBe(true);
      expect(await invitee.getByLabel('Prénom et nom').inputValue()).toBe('Chloé Petit');
      await invitee.getByLabel('Nouveau mot de passe', { exact: true }).fill(STRONG_PASSWORD);
      await invitee.getByLabel('Confirmez le nouveau mot de passe').fill(STRONG_PASSWORD);
      await invitee.getByText('Ce mot de passe convient.').waitFor();
      await expectNoSeriousA11yViolations(invitee);
      await invitee.getByRole('button', { name: 'Créer mon compte et rejoindre l’établissement' }).click();

      await invitee.getByRole('heading', { level: 1, name: 'Bienvenue !' }).waitFor();
      expect(
        await invitee.getByText(`Vous faites désormais partie de l’établissement ${HOTEL}.`).isVisible(),
      ).toBe(true);
      await invitee.getByRole('link', { name: 'Se connecter' }).click();
      await invitee.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      await invitee.getByLabel('Adresse e-mail').fill(email);
      await invitee.getByLabel('Mot de passe', { exact: true }).fill(STRONG_PASSWORD);
      await invitee.getByRole('button', { name: 'Se connecter', exact: true }).click();
      await invitee.getByRole('heading', { level: 1, name: 'Bonjour, Chloé Petit' }).waitFor();

      // The access granted with the invitation opens.
      const reports = invitee
        .getByRole('listitem')
        .filter({ has: invitee.getByRole('heading', { name: 'Channel manager' }) })
        .getByRole('button', { name: /Rapports/ });
      await reports.click();
      await invitee.getByText('Accès autorisé : « Rapports » (Channel manager).').waitFor();

      // The link has served: opening it again says so.
      await invitee.goto(onTestServer(link));
      await invitee.getByRole('heading', { level: 1, name: 'Cette invitation ne fonctionne plus' }).waitFor();
    },
    TIMEOUT,
  );

  it(
    'a mistyped e-mail is corrected: the new address confirms through its link, then signs in',
    async () => {
      const { t, baseUrl, onTestServer } = e2e;
      const { manager, member } = await createHotel();
      const page = await openPage({ width: 1024, height: 900 });
      await signInThroughPage(page, manager);
      await page.getByRole('heading', { level: 1, name: 'Bonjour, Sophie Martin' }).waitFor();
      await page.goto(`${baseUrl}/property/users/${member.id}`);
      await page.getByRole('heading', { level: 1, name: 'Lucas Bernard' }).waitFor();

      // Nothing typed: said under the field, which takes focus.
      await page.getByRole('button', { name: 'Envoyer le lien de confirmation' }).click();
      await page.getByText('Indiquez la nouvelle adresse e-mail.').waitFor();
      const field = page.getByLabel('Nouvelle adresse e-mail');
      expect(await field.getAttribute('aria-invalid')).toBe('true');

      const corrected = 'lucas.bernard@tilleuls-hotel.example';
      await field.fill(corrected);
      await page.getByRole('button', { name: 'Envoyer le lien de confirmation' }).click();
      await page.getByRole('status').getByText(`Lien de confirmation envoyé à ${corrected}.`).waitFor();

      const link = await waitForLink(corrected, CONFIRM_EMAIL_LINK);
      const owner = await openPage({ width: 390, height: 844 });
      await owner.goto(onTestServer(link));
      await owner
        .getByRole('heading', { level: 1, name: 'Confirmer votre nouvelle adresse e-mail' })
        .waitFor();
      await owner.waitForFunction(() => window.location.hash === '');
      // Opening the link changes nothing by itself.
      expect((await signIn(t, corrected, member.password)).statusCode).toBe(401);
      await expectNoSeriousA11yViolations(owner);
      await owner.getByRole('button', { name: 'Confirmer cette adresse' }).click();
      await owner.getByRole('heading', { level: 1, name: 'Adresse confirmée' }).waitFor();
      expect(await owner.getByText(`Désormais, connectez-vous avec ${corrected}.`).isVisible()).toBe(true);

      expect((await signIn(t, corrected, member.password)).statusCode).toBe(200);
      expect((await signIn(t, member.email, member.password)).statusCode).toBe(401);
    },
    TIMEOUT,
  );

  it(
    'a member’s home shows open tabs, and closed ones with whom to ask or the way through support',
    async () => {
      const { baseUrl } = e2e;
      const { member } = await createHotel();
      // A tablet at the front desk, in portrait.
      const page = await openPage({ width: 820, height: 1180 });
      await signInThroughPage(page, member);
      await page.getByRole('heading', { level: 1, name: 'Bonjour, Lucas Bernard' }).waitFor();
      await page.getByRole('heading', { level: 2, name: HOTEL }).waitFor();

      // A member gets no user-management links.
      const nav = page.getByRole('navigation', { name: 'Navigation principale' });
      expect(await nav.getByRole('link', { name: 'Utilisateurs' }).count()).toBe(0);
      expect(await nav.getByRole('link', { name: 'Journal d’activité' }).count()).toBe(0);

      const product = (name: string) =>
        page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name }) });
      const channelManager = product('Channel manager');
      const frontDesk = product('Réception');

      // Closed tab: whom to ask.
      const reports = channelManager.locator('.tab--closed', { hasText: 'Rapports' });
      expect(await reports.getByText('Demandez à Sophie Martin').isVisible()).toBe(true);
      // Nobody at the property holds housekeeping: the support path.
      const housekeeping = frontDesk.locator('.tab--closed', { hasText: 'Gouvernance' });
      expect(await housekeeping.getByText('Personne ici ne peut vous l’ouvrir').isVisible()).toBe(true);
      expect(
        await frontDesk
          .getByText('l’administrateur ou le contact principal doit en faire la demande à l’assistance')
          .isVisible(),
      ).toBe(true);

      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: path.join(ARTIFACTS, 'home-products.png'), fullPage: true });

      // The open tab: the access check answers yes.
      await channelManager.getByRole('button', { name: /Réservations/ }).click();
      await channelManager
        .getByRole('status')
        .getByText('Accès autorisé : « Réservations » (Channel manager).')
        .waitFor();

      // The user pages are not for members.
      await page.goto(`${baseUrl}/property/users`);
      await page.getByText('Page réservée à la gestion des utilisateurs').waitFor();
    },
    TIMEOUT,
  );

  it(
    'several properties lead to the picker; a suspended one says who was told; a member of only suspended ones cannot sign in',
    async () => {
      const { t } = e2e;
      const { property, member } = await createHotel();
      const other = await t.c.properties.createProperty({
        name: 'Hôtel du Port',
        billingContact: { name: 'Compta du Port', email: 'compta@port.example', phone: '+33 4 00 00 00 00' },
        actor: { type: 'system' },
      });
      await t.c.properties.addMember({
        propertyId: other.id,
        userId: member.id,
        role: 'member',
        grants: [{ product: 'front-desk', tab: '*' }],
        actor: { type: 'system' },
      });
      await t.c.store.db
        .updateTable('properties')
        .set({ status: 'suspended' })
        .where('id', '=', other.id)
        .execute();

      const page = await openPage({ width: 1024, height: 800 });
      await signInThroughPage(page, member);
      await page.getByRole('heading', { level: 1, name: 'Choisissez votre établissement' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/properties');
      const port = page.getByRole('button', { name: /Hôtel du Port/ });
      expect(await port.getByText('Suspendu', { exact: true }).isVisible()).toBe(true);
      await expectNoSeriousA11yViolations(page);

      await port.click();
      await page.getByRole('heading', { level: 1, name: 'Bonjour, Lucas Bernard' }).waitFor();
      await page.getByText('Accès suspendu pour factures impayées').waitFor();
      expect(
        await page.getByText('Le contact de facturation, Compta du Port (compta@port.example)').isVisible(),
      ).toBe(true);

      // Switch back from the navigation.
      await page
        .getByRole('navigation', { name: 'Navigation principale' })
        .getByRole('link', { name: /Changer d’établissement/ })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Changer d’établissement' }).waitFor();
      await page.getByRole('button', { name: new RegExp(HOTEL) }).click();
      await page.getByRole('heading', { level: 2, name: HOTEL }).waitFor();

      // Someone whose only property is suspended is told at sign-in, with the billing contact.
      const alone = await addPerson(other.id, 'Nina Roux', 'member');
      const page2 = await openPage({ width: 1024, height: 800 });
      await signInThroughPage(page2, alone);
      await page2.getByRole('alert').getByText('L’accès de votre établissement est suspendu').waitFor();
      expect(await page2.getByText('compta@port.example').isVisible()).toBe(true);
      expect(new URL(page2.url()).pathname).toBe('/sign-in');
      expect(property.id).not.toBe(other.id);
    },
    TIMEOUT,
  );
});
