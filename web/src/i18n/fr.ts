/**
 * French texts — the reference catalogue: `en.ts` must provide exactly the same keys.
 * Placeholders are `{name}`; `<link>…</link>` marks the words that become a link.
 * Written for Portier, not translated from the English.
 */
export const fr = {
  'lang.switchLabel': 'Langue',

  'common.loading': 'Chargement…',
  'common.networkError':
    'Impossible de joindre Portier. Vérifiez votre connexion à Internet, puis réessayez.',
  'common.unexpectedError': 'Un incident est survenu de notre côté. Réessayez dans quelques instants.',
  'common.retry': 'Réessayer',
  'when.today': 'à {time}',
  'when.tomorrow': 'demain à {time}',
  'when.onDate': 'le {date} à {time}',
  'common.lessThanMinute': 'moins d’une minute',

  'signIn.title': 'Connexion',
  'signIn.intro': 'Connectez-vous pour accéder aux logiciels de votre établissement.',
  'signIn.email': 'Adresse e-mail',
  'signIn.password': 'Mot de passe',
  'signIn.showPassword': 'Afficher le mot de passe',
  'signIn.submit': 'Se connecter',
  'signIn.submitting': 'Connexion en cours…',
  'signIn.forgotLink': 'Mot de passe oublié ?',
  'signIn.validation.emailMissing': 'Indiquez votre adresse e-mail.',
  'signIn.validation.emailInvalid':
    'Cette adresse semble incomplète : il manque le « @ » ou le domaine (exemple : prenom@hotel.fr).',
  'signIn.validation.passwordMissing': 'Indiquez votre mot de passe.',

  'signIn.tips.title': 'Quelques vérifications utiles :',
  'signIn.tips.typeByHand':
    'Tapez vous-même l’adresse et le mot de passe au lieu de laisser le navigateur les remplir : il propose parfois une version périmée.',
  'signIn.tips.oldPassword':
    'Si vous avez changé de mot de passe récemment, assurez-vous de ne pas saisir l’ancien.',
  'signIn.tips.capsLock': 'Vérifiez que la touche de verrouillage des majuscules est désactivée.',
  'signIn.tips.forgot': 'Toujours bloqué ? <link>Choisissez un nouveau mot de passe</link>.',

  'signIn.waysOut.title': 'Pour retrouver l’accès :',
  'signIn.waysOut.reset_password':
    'Réinitialisez votre mot de passe grâce au lien reçu par e-mail : le compte est réactivé du même coup. <link>Recevoir le lien</link>',
  'signIn.waysOut.ask_user_manager':
    'Demandez à un collègue qui gère les utilisateurs de votre établissement de réactiver votre compte.',
  'signIn.waysOut.contact_support':
    'Contactez notre support : après vérification de votre identité, il pourra réactiver votre compte.',

  'signIn.expired.title': 'Votre mot de passe a expiré',
  'signIn.expired.bodyDays':
    'Pour sécuriser les paiements par carte (norme PCI DSS), chaque mot de passe doit être renouvelé tous les {days} jours. Choisissez-en un nouveau pour accéder à votre compte.',
  'signIn.expired.bodyGeneric':
    'La norme PCI DSS, qui encadre les paiements par carte, impose de renouveler son mot de passe au moins tous les 90 jours. Choisissez-en un nouveau pour accéder à votre compte.',
  'signIn.expired.link': 'Choisir un nouveau mot de passe',

  'signIn.mfa.title': 'Vérification en deux étapes',
  'signIn.mfa.body':
    'Votre compte demande une vérification en deux étapes. Cette étape n’est pas encore disponible sur cette page : contactez notre support si vous devez vous connecter dès maintenant.',

  'signIn.rateLimited.generic': 'Trop de tentatives de connexion ont échoué depuis ce réseau.',
  'signIn.rateLimited.retryIn': 'Vous pourrez réessayer {when} (dans {duration}).',
  'signIn.rateLimited.retryLater': 'Patientez un peu avant de réessayer.',

  'signIn.cookies.title': 'Les cookies sont bloqués',
  'signIn.cookies.body':
    'Votre navigateur refuse les cookies de ce site. Portier en a besoin pour garder votre session ouverte : autorisez les cookies pour {host} dans les réglages du navigateur, puis rechargez la page.',

  'signIn.browser.title': 'Navigateur non pris en charge',
  'signIn.browser.unknown':
    'Ce navigateur ne figure pas parmi ceux que nous prenons en charge : certaines pages risquent de mal fonctionner. Utilisez de préférence une version récente de Chrome, Firefox, Edge ou Safari.',
  'signIn.browser.outdated':
    'Votre version de {browser} ({version}) est trop ancienne : certaines pages risquent de mal fonctionner. Mettez votre navigateur à jour ou utilisez une version récente de Chrome, Firefox, Edge ou Safari.',

  'signIn.reason.idle_timeout':
    'Votre session a été fermée après {duration} sans activité, pour protéger votre compte si l’ordinateur est partagé. Il vous suffit de vous reconnecter.',
  'signIn.reason.idle_timeoutGeneric':
    'Votre session a été fermée après une longue période sans activité, pour protéger votre compte si l’ordinateur est partagé. Il vous suffit de vous reconnecter.',
  'signIn.reason.max_age':
    'Votre session a été fermée : par sécurité, elle dure au plus {duration} après la connexion, même en cas d’activité. Il vous suffit de vous reconnecter.',
  'signIn.reason.max_ageGeneric':
    'Votre session a été fermée : par sécurité, sa durée est limitée, même en cas d’activité. Il vous suffit de vous reconnecter.',
  'signIn.reason.signed_out': 'Votre session est fermée. Vous pouvez vous reconnecter à tout moment.',

  'home.title': 'Bonjour, {name}',
  'home.account': 'Adresse de connexion : {email}',
  'home.sessionLimits':
    'Sans activité, votre session se ferme au bout de {idle}. Elle prendra fin au plus tard {when}.',
  'home.signOut': 'Se déconnecter',
  'home.signingOut': 'Déconnexion…',
  'home.signOutFailed': 'La déconnexion n’a pas abouti. Réessayez.',

  'idle.idle.title': 'Êtes-vous toujours là ?',
  'idle.idle.body': 'Faute d’activité, votre session se fermera dans {remaining}.',
  'idle.idle.stay': 'Rester connecté',
  'idle.absolute.title': 'Votre session touche à sa fin',
  'idle.absolute.bodyMax':
    'Une session dure au plus {max} après la connexion et ne peut pas être prolongée. Elle se fermera dans {remaining} : enregistrez votre travail, puis reconnectez-vous.',
  'idle.absolute.bodyGeneric':
    'Votre session atteint sa durée maximale et ne peut pas être prolongée. Elle se fermera dans {remaining} : enregistrez votre travail, puis reconnectez-vous.',
  'idle.absolute.dismiss': 'J’ai compris',
  'idle.countdown': 'Temps restant',

  'forgot.title': 'Mot de passe oublié',
  'forgot.body':
    'Vous pourrez bientôt demander ici un lien de réinitialisation, envoyé à votre adresse e-mail.',
  'forgot.back': 'Retour à la connexion',

  'notFound.title': 'Page introuvable',
  'notFound.body': 'Aucune page de Portier ne correspond à cette adresse.',
  'notFound.link': 'Aller à la page de connexion',
} as const;

export type MessageKey = keyof typeof fr;
export type Messages = Record<MessageKey, string>;
