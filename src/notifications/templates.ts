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

export interface PasswordResetVars {
  name: string;
  link: string;
  minutes: number;
}

export interface PasswordChangedVars {
  name: string;
  at: string; // ISO time of the change
  ip: string | null;
  how: 'reset' | 'expired_change' | 'account_page';
}

export interface ExpiryReminderVars {
  name: string;
  days: number;
  expiresAt: string; // ISO
  maxAgeDays: number;
}

export interface PasswordExpiredVars {
  name: string;
  maxAgeDays: number;
}

const formatDate = (iso: string, lang: Language) =>
  `${new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(iso))} UTC`;

export interface InvitationVars {
  inviterName: string;
  propertyName: string;
  link: string;
  days: number;
}

export interface EmailChangeVars {
  name: string;
  propertyName: string;
  requestedBy: string;
  newEmail: string;
  link?: string;
}

export interface MfaCodeVars {
  name: string;
  code: string;
  minutes: number;
}

export interface MfaNoticeVars {
  name: string;
  /** `app_unreadable`: an authenticator app removed by the operator after the sealing key was lost. */
  event: 'failures' | 'reset' | 'factor_added' | 'factor_removed' | 'app_unreadable' | 'recovery_codes';
  by?: string;
}

export const templates = {
  account_disabled(ctx: MailContext, lang: Language, vars: AccountDisabledVars): RenderedMail {
    const resetUrl = `${ctx.publicUrl}/forgot-password`;
    if (lang === 'fr') {
      return compose(
        ctx,
        lang,
        `${ctx.productName} : votre compte a été désactivé`,
        `Bonjour ${vars.name},`,
        [
          {
            p: `Nous avons désactivé votre compte ${ctx.productName} après ${vars.attempts} saisies consécutives d’un mot de passe incorrect. C’est une protection contre les personnes qui essaieraient de deviner votre mot de passe.`,
          },
          { p: 'Pour retrouver l’accès, choisissez l’une de ces solutions :' },
          {
            list: [
              'Réinitialisez votre mot de passe avec le lien ci-dessous : le compte sera réactivé dès que vous aurez choisi un nouveau mot de passe.',
              'Demandez à un collègue qui gère les utilisateurs de votre établissement de réactiver votre compte.',
              'Contactez notre équipe d’assistance.',
            ],
          },
          { link: { href: resetUrl, label: 'Réinitialiser mon mot de passe' } },
          {
            p: 'Si ce n’était pas vous, quelqu’un a peut-être essayé d’accéder à votre compte : choisissez un nouveau mot de passe que vous n’utilisez nulle part ailleurs.',
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

  password_reset(ctx: MailContext, lang: Language, vars: PasswordResetVars): RenderedMail {
    if (lang === 'fr') {
      return compose(
        ctx,
        lang,
        `${ctx.productName} : réinitialiser votre mot de passe`,
        `Bonjour ${vars.name},`,
        [
          {
            p: `Quelqu’un — probablement vous — a demandé à réinitialiser le mot de passe de votre compte ${ctx.productName}.`,
          },
          { link: { href: vars.link, label: 'Choisir un nouveau mot de passe' } },
          {
            p: `Ce lien fonctionne une seule fois pendant ${vars.minutes} minutes. Si vous en demandez un autre, celui-ci ne fonctionnera plus. Si votre compte était désactivé après trop de tentatives, il sera réactivé. Si la double authentification est activée, elle vous sera toujours demandée.`,
          },
          { p: 'Si vous n’avez rien demandé, ignorez cet e-mail : votre mot de passe reste inchangé.' },
        ],
      );
    }
    return compose(ctx, lang, `${ctx.productName}: reset your password`, `Hello ${vars.name},`, [
      { p: `Someone — probably you — asked to reset the password of your ${ctx.productName} account.` },
      { link: { href: vars.link, label: 'Choose a new password' } },
      {
        p: `This link works once, for ${vars.minutes} minutes. If you ask for another one, this one stops working. If your account was disabled after too many attempts, it will be enabled again. If two-factor authentication is on, you will still be asked for it.`,
      },
      { p: 'If you did not ask for this, ignore this e-mail: your password stays as it is.' },
    ]);
  },

  password_changed(ctx: MailContext, lang: Language, vars: PasswordChangedVars): RenderedMail {
    const when = formatDate(vars.at, lang);
    const resetUrl = `${ctx.publicUrl}/forgot-password`;
    if (lang === 'fr') {
      return compose(
        ctx,
        lang,
        `${ctx.productName} : votre mot de passe a été modifié`,
        `Bonjour ${vars.name},`,
        [
          {
            p: `Le mot de passe de votre compte ${ctx.productName} a été modifié le ${when}${vars.ip ? ` depuis l’adresse IP ${vars.ip}` : ''}. Par sécurité, vos autres sessions ont été fermées.`,
          },
          {
            p: 'Si c’était vous, vous n’avez rien à faire. Sinon, réinitialisez votre mot de passe tout de suite et prévenez un collègue qui gère les utilisateurs de votre établissement.',
          },
          { link: { href: resetUrl, label: 'Réinitialiser mon mot de passe' } },
        ],
      );
    }
    return compose(ctx, lang, `${ctx.productName}: your password was changed`, `Hello ${vars.name},`, [
      {
        p: `The password of your ${ctx.productName} account was changed on ${when}${vars.ip ? ` from IP address ${vars.ip}` : ''}. For your safety, your other sessions were signed out.`,
      },
      {
        p: 'If this was you, there is nothing to do. If not, reset your password right away and tell a colleague who manages users at your property.',
      },
      { link: { href: resetUrl, label: 'Reset my password' } },
    ]);
  },

  password_expiry_reminder(ctx: MailContext, lang: Language, vars: ExpiryReminderVars): RenderedMail {
    const when = formatDate(vars.expiresAt, lang);
    const accountUrl = `${ctx.publicUrl}/account/security`;
    if (lang === 'fr') {
      return compose(
        ctx,
        lang,
        `${ctx.productName} : votre mot de passe expire dans ${vars.days} ${vars.days > 1 ? 'jours' : 'jour'}`,
        `Bonjour ${vars.name},`,
        [
          {
            p: `Votre mot de passe ${ctx.productName} expire le ${when}. Les mots de passe doivent être changés tous les ${vars.maxAgeDays} jours, comme l’exige la norme de sécurité des cartes de paiement (PCI DSS).`,
          },
          { p: 'Changez-le dès maintenant pour ne pas être bloqué au moment de vous connecter :' },
          { link: { href: accountUrl, label: 'Changer mon mot de passe' } },
        ],
      );
    }
    return compose(
      ctx,
      lang,
      `${ctx.productName}: your password expires in ${vars.days} ${vars.days === 1 ? 'day' : 'days'}`,
      `Hello ${vars.name},`,
      [
        {
          p: `Your ${ctx.productName} password expires on ${when}. Passwords must be changed every ${vars.maxAgeDays} days, as the payment card industry security standard (PCI DSS) requires.`,
        },
        { p: 'Change it now so that signing in is not interrupted:' },
        { link: { href: accountUrl, label: 'Change my password' } },
      ],
    );
  },

  password_expired(ctx: MailContext, lang: Language, vars: PasswordExpiredVars): RenderedMail {
    const signInUrl = `${ctx.publicUrl}/sign-in`;
    if (lang === 'fr') {
      return compose(ctx, lang, `${ctx.productName} : votre mot de passe a expiré`, `Bonjour ${vars.name},`, [
        {
          p: `Votre mot de passe ${ctx.productName} a plus de ${vars.maxAgeDays} jours et a expiré (norme PCI DSS). À votre prochaine connexion, saisissez-le comme d’habitude : nous vous demanderons d’en choisir un nouveau avant d’ouvrir votre session.`,
        },
        { link: { href: signInUrl, label: 'Se connecter' } },
      ]);
    }
    return compose(ctx, lang, `${ctx.productName}: your password has expired`, `Hello ${vars.name},`, [
      {
        p: `Your ${ctx.productName} password is more than ${vars.maxAgeDays} days old and has expired (PCI DSS). Next time, sign in as usual: we will ask you to choose a new one before your session opens.`,
      },
      { link: { href: signInUrl, label: 'Sign in' } },
    ]);
  },

  invitation(ctx: MailContext, lang: Language, vars: InvitationVars): RenderedMail {
    if (lang === 'fr') {
      return compose(
        ctx,
        lang,
        `${vars.inviterName} vous invite sur ${ctx.productName} pour ${vars.propertyName}`,
        'Bonjour,',
        [
          {
            p: `${vars.inviterName} vous invite à rejoindre l’établissement ${vars.propertyName} sur ${ctx.productName}, le service de connexion aux logiciels de votre hôtel.`,
          },
          { link: { href: vars.link, label: 'Accepter l’invitation' } },
          {
            p: `Ce lien est valable ${vars.days} jours. Si vous n’avez pas encore de compte, vous choisirez votre mot de passe en l’ouvrant. Si vous ne connaissez pas ${vars.inviterName}, ignorez cet e-mail.`,
          },
        ],
      );
    }
    return compose(
      ctx,
      lang,
      `${vars.inviterName} invites you to ${ctx.productName} for ${vars.propertyName}`,
      'Hello,',
      [
        {
          p: `${vars.inviterName} invites you to join ${vars.propertyName} on ${ctx.productName}, the sign-in service for your hotel’s software.`,
        },
        { link: { href: vars.link, label: 'Accept the invitation' } },
        {
          p: `This link is valid for ${vars.days} days. If you do not have an account yet, you will choose your password when you open it. If you do not know ${vars.inviterName}, ignore this e-mail.`,
        },
      ],
    );
  },

  email_change_confirm(ctx: MailContext, lang: Language, vars: EmailChangeVars): RenderedMail {
    if (lang === 'fr') {
      return compose(
        ctx,
        lang,
        `${ctx.productName} : confirmez votre nouvelle adresse e-mail`,
        `Bonjour ${vars.name},`,
        [
          {
            p: `${vars.requestedBy} (${vars.propertyName}) a corrigé l’adresse e-mail de votre compte ${ctx.productName} en ${vars.newEmail}. Confirmez qu’elle est bien la vôtre : c’est elle qui servira ensuite à vous connecter.`,
          },
          { link: { href: vars.link ?? ctx.publicUrl, label: 'Confirmer cette adresse' } },
          { p: 'Ce lien est valable 24 heures. Si ce n’est pas votre compte, ignorez cet e-mail.' },
        ],
      );
    }
    return compose(ctx, lang, `${ctx.productName}: confirm your new e-mail address`, `Hello ${vars.name},`, [
      {
        p: `${vars.requestedBy} (${vars.propertyName}) corrected the e-mail address of your ${ctx.productName} account to ${vars.newEmail}. Confirm that it is yours: it is the one you will sign in with.`,
      },
      { link: { href: vars.link ?? ctx.publicUrl, label: 'Confirm this address' } },
      { p: 'This link is valid for 24 hours. If this is not your account, ignore this e-mail.' },
    ]);
  },

  email_change_notice(ctx: MailContext, lang: Language, vars: EmailChangeVars): RenderedMail {
    if (lang === 'fr') {
      return compose(
        ctx,
        lang,
        `${ctx.productName} : changement d’adresse e-mail demandé`,
        `Bonjour ${vars.name},`,
        [
          {
            p: `${vars.requestedBy} (${vars.propertyName}) a demandé de remplacer l’adresse de votre compte ${ctx.productName} par ${vars.newEmail}. Le changement prendra effet quand la nouvelle adresse sera confirmée.`,
          },
          {
            p: 'Si vous n’êtes pas d’accord, contactez tout de suite cette personne ou notre équipe d’assistance.',
          },
        ],
      );
    }
    return compose(ctx, lang, `${ctx.productName}: e-mail address change requested`, `Hello ${vars.name},`, [
      {
        p: `${vars.requestedBy} (${vars.propertyName}) asked to replace the address of your ${ctx.productName} account with ${vars.newEmail}. The change takes effect once the new address is confirmed.`,
      },
      { p: 'If you do not agree, contact that person or our support team right away.' },
    ]);
  },

  mfa_email_code(ctx: MailContext, lang: Language, vars: MfaCodeVars): RenderedMail {
    if (lang === 'fr') {
      return compose(
        ctx,
        lang,
        `${ctx.productName} : votre code de vérification ${vars.code}`,
        `Bonjour ${vars.name},`,
        [
          {
            p: `Votre code de vérification est ${vars.code}. Il est valable ${vars.minutes === 1 ? '1 minute' : `${vars.minutes} minutes`} et ne sert qu’une fois.`,
          },
          {
            p: 'Si vous n’êtes pas en train de vous connecter, quelqu’un connaît votre mot de passe : changez-le.',
          },
        ],
      );
    }
    return compose(
      ctx,
      lang,
      `${ctx.productName}: your verification code ${vars.code}`,
      `Hello ${vars.name},`,
      [
        {
          p: `Your verification code is ${vars.code}. It is valid for ${vars.minutes === 1 ? '1 minute' : `${vars.minutes} minutes`} and works once.`,
        },
        { p: 'If you are not signing in right now, someone knows your password: change it.' },
      ],
    );
  },

  mfa_notice(ctx: MailContext, lang: Language, vars: MfaNoticeVars): RenderedMail {
    const fr = {
      failures: [
        'Quelqu’un a saisi 5 codes de vérification incorrects en se connectant à votre compte. Nous avons annulé cette tentative ; votre compte reste actif.',
        'Si ce n’était pas vous, votre mot de passe est connu : changez-le tout de suite.',
      ],
      reset: [
        `${vars.by ?? 'Un gestionnaire'} a réinitialisé votre double authentification. Toutes vos sessions ont été fermées ; à votre prochaine connexion, vous pourrez enregistrer une nouvelle méthode.`,
        'Si vous n’avez rien demandé, contactez tout de suite votre établissement ou l’assistance.',
      ],
      factor_added: [
        'Une nouvelle méthode de vérification a été ajoutée à votre compte.',
        'Si ce n’était pas vous, contactez tout de suite l’assistance.',
      ],
      factor_removed: [
        'Une méthode de vérification a été retirée de votre compte.',
        'Si ce n’était pas vous, contactez tout de suite l’assistance.',
      ],
      recovery_codes: [
        'De nouveaux codes de secours ont été créés pour votre compte ; les anciens ne fonctionnent plus.',
        'Si ce n’était pas vous, contactez tout de suite l’assistance.',
      ],
      app_unreadable: [
        'À la suite d’un incident technique de notre côté, votre application d’authentification ne peut plus servir à vous connecter : nous l’avons retirée de votre compte. Ni votre mot de passe ni vos autres méthodes ne sont en cause.',
        'Connectez-vous avec votre mot de passe (et une autre méthode si vous en avez une), puis ajoutez de nouveau l’application depuis la page de votre compte.',
      ],
    }[vars.event];
    const en = {
      failures: [
        'Someone entered 5 wrong verification codes while signing in to your account. We cancelled that attempt; your account stays active.',
        'If this was not you, your password is known: change it right away.',
      ],
      reset: [
        `${vars.by ?? 'A user manager'} reset your two-factor authentication. All your sessions were signed out; next time you sign in you can set up a new method.`,
        'If you did not ask for this, contact your property or support right away.',
      ],
      factor_added: [
        'A new verification method was added to your account.',
        'If this was not you, contact support right away.',
      ],
      factor_removed: [
        'A verification method was removed from your account.',
        'If this was not you, contact support right away.',
      ],
      recovery_codes: [
        'New recovery codes were created for your account; the old ones no longer work.',
        'If this was not you, contact support right away.',
      ],
      app_unreadable: [
        'After a technical incident on our side, your authenticator app can no longer be used to sign in, so we removed it from your account. Your password and your other methods are not affected.',
        'Sign in with your password (and another method if you have one), then add the app again from your account page.',
      ],
    }[vars.event];
    const lines = lang === 'fr' ? fr : en;
    const subject =
      lang === 'fr'
        ? `${ctx.productName} : sécurité de votre compte`
        : `${ctx.productName}: your account security`;
    return compose(
      ctx,
      lang,
      subject,
      lang === 'fr' ? `Bonjour ${vars.name},` : `Hello ${vars.name},`,
      lines.map((p) => ({ p })),
    );
  },
} as const;

export type TemplateName = keyof typeof templates;
export type TemplateVars<T extends TemplateName> = Parameters<(typeof templates)[T]>[2];
