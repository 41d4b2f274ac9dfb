/**
 * E-mails go through the outbox: rendered and inserted with the same transaction as the change that
 * causes them, then delivered by the worker. Nothing is sent from inside a request.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import type { Language } from '../i18n/language.js';
import type { Clock } from '../shared/clock.js';
import { insertOutboxMessage } from './outbox.queries.js';
import { type MailContext, type TemplateName, type TemplateVars, templates } from './templates.js';

export interface Mailer {
  enqueue<T extends TemplateName>(
    db: Kysely<Database>,
    args: { to: string; language: Language; template: T; vars: TemplateVars<T> },
  ): Promise<number>;
}

export function createMailer(deps: { clock: Clock; mailContext: MailContext }): Mailer {
  return {
    async enqueue(db, { to, language, template, vars }) {
      const render = templates[template] as (
        ctx: MailContext,
        lang: Language,
        v: typeof vars,
      ) => {
        subject: string;
        text: string;
        html: string;
      };
      const mail = render(deps.mailContext, language, vars);
      const now = deps.clock.now();
      return insertOutboxMessage(db, {
        created_at: now,
        to_address: to,
        template,
        language,
        subject: mail.subject,
        text_body: mail.text,
        html_body: mail.html,
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
      });
    },
  };
}
