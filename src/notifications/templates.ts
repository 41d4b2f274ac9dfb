/**
 * E-mail templates, French and English, each with a text and an HTML part. Written for Portier;
 * facts (7 attempts, three ways back) come from SPEC §2 and the config, not from the seed's sentences.
 */
import type { Language } from '../i18n/language.js';

export interface MailContext {
  productName: string;
  publicUrl: string;
  signInDomain: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

interface Block {
  p?: string;
  list?: string[];
  link?: { href: string; label: string };
}

function compose(
  ctx: MailContext,
  lang: Language,
  subject: string,
  greeting: string,
  blocks: Block[],
): RenderedMail {
  const footer =
    lang === 'fr'
      ? `Cet e-mail vous est envoyé par ${ctx.productName} (${ctx.signInDomain}). Nous ne vous demanderons jamais votre mot de passe par e-mail.`
      : `This e-mail was sent by ${ctx.productName} (${ctx.signInDomain}). We will never ask for your password by e-mail.`;
  const textParts = [greeting, ''];
  const htmlParts = [`<p>${escapeHtml(greeting)}</p>`];
  for (const block of blocks) {
    if (block.p) {
      textParts.push(block.p, '');
      htmlParts.push(`<p>${escapeHtml(block.p)}</p>`);
    }
    if (block.list) {
      textParts.push(...block.list.map((item, i) => `${i + 1}. ${item}`), '');
      htmlParts.push(`<ol>${block.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ol>`);
    }
    if (block.link) {
      textParts.push(`${block.link.label}: ${block.link.href}`, '');
      htmlParts.push(
        `<p><a href="${escapeHtml(block.link.href)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px">${escapeHtml(block.link.label)}</a></p>`,
      );
    }
  }
  textParts.push('--', footer);
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:system-ui,sans-serif;color:#111827;line-height:1.5;max-width:600px;margin:0 auto;padding:24px">${htmlParts.join('')}<hr><p style="color:#4b5563;font-size:13px">${escapeHtml(footer)}</p></body></html>`;
  return { subject, text: textParts.join('\n'), html };
}

export interface AccountDisabledVars {
  name: string;
  attempts: number;
}

export const templates = {
  account_disabled(ctx: MailContext, lang: Language, vars: AccountDisabledVars): RenderedMail {
    const resetUrl = `${ctx.publicUrl}/forgot-password`;
    if (lang === 'fr') {
      return compose(
        ctx,
        lang,
        `${ctx.productName} : votre compte a été désactivé`,
        `Bonjour ${vars.name},`,
        [
          {
            p: `Nous avons désactivé votre compte ${ctx.productName} après ${vars.attempts} saisies consécutives d’un mot de passe incorrect. C’est une protection contre les personnes qui essaieraient de deviner votre mot de passe.`,
          },
          { p: 'Pour retrouver l’accès, choisissez l’une de ces solutions :' },
          {
            list: [
              'Réinitialisez votre mot de passe avec le lien ci-dessous : le compte sera réactivé dès que vous aurez choisi un nouveau mot de passe.',
              'Demandez à un collègue qui gère les utilisateurs de votre établissement de réactiver votre compte.',
              'Contactez notre équipe d’assistance.',
            ],
          },
          { link: { href: resetUrl, label: 'Réinitialiser mon mot de passe' } },
          {
            p: 'Si ce n’était pas vous, quelqu’un a peut-être essayé d’accéder à votre compte : choisissez un nouveau mot de passe que vous n’utilisez nulle part ailleurs.',
          },
        ],
      );
    }
    return compose(ctx, lang, `${ctx.productName}: your account has been disabled`, `Hello ${vars.name},`, [
      {
        p: `We disabled your ${ctx.productName} account after ${vars.attempts} wrong passwords in a row. This protects you from anyone trying to guess your password.`,
      },
      { p: 'To get back in, choose one of these:' },
      {
        list: [
          'Reset your password with the link below: the account is enabled again as soon as you choose a new password.',
          'Ask a colleague who manages users at your property to enable your account again.',
          'Contact our support team.',
        ],
      },
      { link: { href: resetUrl, label: 'Reset my password' } },
      {
        p: 'If this was not you, someone may have tried to get into your account: choose a new password that you use nowhere else.',
      },
    ]);
  },
} as const;

export type TemplateName = keyof typeof templates;
export type TemplateVars<T extends TemplateName> = Parameters<(typeof templates)[T]>[2];
