import type { TestApp } from './app.js';

/** The newest outbox message to an address (rendered text), after running due jobs. */
export async function lastMailTo(t: TestApp, to: string) {
  await t.c.jobs.drain();
  return t.c.store.db
    .selectFrom('outbox')
    .select(['id', 'template', 'language', 'subject', 'text_body', 'html_body'])
    .where('to_address', '=', to)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** The token of the link (`…#token=…`) in the newest e-mail to an address: reset, invitation, e-mail change. */
export async function linkTokenFor(t: TestApp, to: string, page = ''): Promise<string> {
  const mail = await lastMailTo(t, to);
  const match = new RegExp(`${page}#token=([A-Za-z0-9_-]+)`).exec(mail?.text_body ?? '');
  if (!match?.[1]) throw new Error(`no ${page || 'token'} link in the last e-mail to ${to}`);
  return match[1];
}

/** The reset token from the newest reset e-mail to an address. */
export function resetTokenFor(t: TestApp, to: string): Promise<string> {
  return linkTokenFor(t, to, 'reset-password');
}
