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
  'signIn.reason.change_missing':
    'Pour remplacer un mot de passe expiré, connectez-vous d’abord avec celui-ci : nous vous demanderons ensuite d’en choisir un nouveau.',
  'signIn.reason.change_expired':
    'Le délai de 15 minutes pour choisir un nouveau mot de passe est dépassé. Reconnectez-vous avec votre mot de passe actuel, puis choisissez-en un nouveau sans attendre.',

  'home.title': 'Bonjour, {name}',
  'home.account': 'Adresse de connexion : {email}',
  'home.sessionLimits':
    'Sans activité, votre session se ferme au bout de {idle}. Elle prendra fin au plus tard {when}.',
  'home.signOut': 'Se déconnecter',
  'home.signingOut': 'Déconnexion…',
  'home.signOutFailed': 'La déconnexion n’a pas abouti. Réessayez.',
  'home.navLabel': 'Votre compte',
  'home.securityLink': 'Sécurité du compte',
  'home.securityHint': 'Mot de passe et appareils connectés',

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
  'forgot.intro':
    'Indiquez l’adresse e-mail de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe. Si votre compte a été désactivé après trop de tentatives, il sera réactivé du même coup.',
  'forgot.submit': 'Recevoir le lien',
  'forgot.submitting': 'Envoi en cours…',
  'forgot.back': 'Retour à la connexion',
  'forgot.rateLimited': 'Trop de demandes de lien ont été faites pour cette adresse ou depuis votre réseau.',
  'forgot.sent.title': 'Consultez votre messagerie',
  'forgot.sent.body':
    'Si un compte Portier correspond à l’adresse {email}, un lien pour choisir un nouveau mot de passe vient d’y être envoyé.',
  'forgot.sent.once': 'Le lien ne sert qu’une seule fois et reste valable 1 heure.',
  'forgot.sent.newest': 'Si vous demandez un autre lien, seul le plus récent fonctionnera.',
  'forgot.sent.spam':
    'Rien reçu d’ici quelques minutes ? Jetez un œil dans le dossier des courriers indésirables (spams).',
  'forgot.sent.sender':
    'L’e-mail est envoyé par Portier et son lien mène à {host}. Méfiez-vous d’un message qui vous enverrait ailleurs.',
  'forgot.sent.reenables':
    'Choisir un nouveau mot de passe réactive aussi un compte désactivé après trop de tentatives.',
  'forgot.sent.again':
    'C’est fait : si un compte correspond à {email}, un nouveau lien vient de partir. Les liens précédents ne fonctionnent plus.',
  'forgot.sent.resend': 'Renvoyer le lien',
  'forgot.sent.otherAddress': 'Essayer une autre adresse',

  'password.current': 'Mot de passe actuel',
  'password.new': 'Nouveau mot de passe',
  'password.confirm': 'Confirmez le nouveau mot de passe',
  'password.showCurrent': 'Afficher le mot de passe actuel',
  'password.showNew': 'Afficher le nouveau mot de passe',
  'password.rules.title': 'Votre nouveau mot de passe doit :',
  'password.rules.length': 'compter au moins {min} caractères (et pas plus de {max}) ;',
  'password.rules.common': 'ne pas faire partie des mots de passe courants ou déjà divulgués ;',
  'password.rules.personal':
    'ne pas se deviner facilement à partir de votre nom ou de votre adresse e-mail ;',
  'password.rules.history': 'être différent de vos {count} derniers mots de passe.',
  'password.rules.tip':
    'Astuce : quelques mots sans rapport entre eux, mis bout à bout, donnent un mot de passe à la fois solide et facile à retenir.',
  'password.strength.label': 'Robustesse',
  'password.strength.none': 'non évaluée',
  'password.strength.score0': 'très faible',
  'password.strength.score1': 'faible',
  'password.strength.score2': 'moyenne',
  'password.strength.score3': 'bonne',
  'password.strength.score4': 'excellente',
  'password.strength.empty':
    'Commencez à taper : nous vous dirons au fur et à mesure si le mot de passe convient.',
  'password.strength.checking': 'Vérification…',
  'password.strength.unavailable':
    'La vérification en direct est indisponible pour le moment. Votre mot de passe sera tout de même contrôlé à l’envoi.',
  'password.strength.accepted': 'Ce mot de passe convient.',
  'password.strength.refused': 'Ce mot de passe ne sera pas accepté :',
  'password.strength.suggestions': 'Pour faire mieux :',
  'password.validation.currentMissing': 'Indiquez votre mot de passe actuel.',
  'password.validation.newMissing': 'Choisissez un nouveau mot de passe.',
  'password.validation.confirmMissing': 'Saisissez une seconde fois le nouveau mot de passe.',
  'password.validation.mismatch':
    'Les deux saisies ne correspondent pas. Retapez le nouveau mot de passe à l’identique.',
  'password.refusedGeneric':
    'Ce mot de passe n’est pas accepté. Choisissez-en un autre en suivant les règles indiquées.',
  'password.currentWrong': 'Le mot de passe actuel est incorrect.',

  'reset.title': 'Choisir un nouveau mot de passe',
  'reset.intro':
    'Vous y êtes presque : choisissez le mot de passe que vous utiliserez désormais pour vous connecter.',
  'reset.submit': 'Enregistrer le mot de passe',
  'reset.submitting': 'Enregistrement…',
  'reset.newLink': 'Recevoir un nouveau lien',
  'reset.missing.title': 'Lien incomplet',
  'reset.missing.body':
    'Cette adresse ne contient pas de lien de réinitialisation valable. Rouvrez le lien depuis l’e-mail reçu (s’il est coupé sur deux lignes, copiez-le en entier) ou demandez-en un nouveau.',
  'reset.invalid.title': 'Ce lien ne fonctionne plus',
  'reset.invalid.body':
    'Ce lien de réinitialisation n’est plus valable : votre mot de passe n’a pas été modifié.',
  'reset.invalid.used': 'Il a peut-être déjà servi : chaque lien ne fonctionne qu’une fois.',
  'reset.invalid.expired': 'Il a peut-être expiré : un lien reste valable 1 heure.',
  'reset.invalid.superseded':
    'Un lien plus récent a peut-être été demandé depuis : seul le dernier fonctionne.',
  'reset.done.title': 'Mot de passe modifié',
  'reset.done.body': 'Votre nouveau mot de passe est enregistré. Connectez-vous dès maintenant avec lui.',
  'reset.done.sessions':
    'Par sécurité, toutes les sessions ouvertes sur votre compte ont été fermées, sur tous vos appareils.',
  'reset.done.reenabled':
    'Si votre compte avait été désactivé après trop de tentatives, il est de nouveau actif.',
  'reset.done.twoFactor':
    'Si la vérification en deux étapes est activée sur votre compte, elle vous sera demandée comme d’habitude.',
  'reset.done.signIn': 'Se connecter',

  'expired.title': 'Votre mot de passe a expiré',
  'expired.whyDays':
    'Votre mot de passe a plus de {days} jours. La norme PCI DSS, qui protège les paiements par carte, demande de le renouveler à ce rythme.',
  'expired.whyGeneric':
    'La norme PCI DSS, qui protège les paiements par carte, demande de renouveler régulièrement son mot de passe, au plus tard tous les 90 jours.',
  'expired.reassure':
    'Rien d’anormal sur votre compte : choisissez-en simplement un nouveau, et vous serez connecté aussitôt.',
  'expired.window': 'Vous disposez de 15 minutes pour le faire. Passé ce délai, il faudra vous reconnecter.',
  'expired.submit': 'Enregistrer et me connecter',
  'expired.submitting': 'Enregistrement…',

  'security.title': 'Sécurité du compte',
  'security.back': 'Retour à l’accueil',
  'security.intro': 'Le mot de passe et les appareils connectés du compte {email}.',
  'security.password.title': 'Mot de passe',
  'security.password.changedAt': 'Dernière modification',
  'security.password.expiresAt': 'Expiration',
  'security.password.unknown': 'Inconnue',
  'security.password.expiresIn': 'le {date}, dans {days}',
  'security.password.expiredOn': 'a expiré le {date}',
  'security.password.soonTitle': 'Votre mot de passe expire bientôt',
  'security.password.soonBody':
    'Il expire dans {days}. Changez-le dès maintenant avec le formulaire ci-dessous, pour ne pas être interrompu à votre prochaine connexion.',
  'security.password.expiredTitle': 'Votre mot de passe a expiré',
  'security.password.expiredBody':
    'Choisissez-en un nouveau avec le formulaire ci-dessous ; sinon, cela vous sera demandé à votre prochaine connexion.',
  'security.password.rule':
    'Pour protéger les paiements par carte (norme PCI DSS), chaque mot de passe doit être changé au moins tous les {days} jours. Un e-mail vous prévient avant l’échéance.',
  'security.change.title': 'Changer de mot de passe',
  'security.change.submit': 'Changer le mot de passe',
  'security.change.submitting': 'Enregistrement…',
  'security.change.done': 'Votre mot de passe a été changé.',
  'security.change.doneSessions':
    'Par sécurité, vos sessions sur les autres appareils ont été fermées ; celle-ci reste ouverte.',
  'security.sessions.title': 'Appareils connectés',
  'security.sessions.intro':
    'Voici où votre compte est connecté en ce moment. Si un appareil ne vous dit rien, déconnectez-le, puis changez votre mot de passe.',
  'security.sessions.thisDevice': 'Cet appareil',
  'security.sessions.ip': 'Adresse IP',
  'security.sessions.unknownIp': 'inconnue',
  'security.sessions.signedInAt': 'Connexion',
  'security.sessions.lastActivity': 'Dernière activité',
  'security.sessions.signOut': 'Déconnecter',
  'security.sessions.signingOut': 'Déconnexion…',
  'security.sessions.signOutOthers': 'Déconnecter tous les autres appareils',
  'security.sessions.onlyThis': 'Votre compte n’est connecté sur aucun autre appareil.',
  'security.sessions.ended': 'La session « {device} » est fermée.',
  'security.sessions.alreadyEnded': 'Cette session était déjà fermée.',
  'security.sessions.endedNone': 'Aucune autre session n’était ouverte.',
  'security.sessions.endedOne': 'L’autre session est fermée : seul cet appareil reste connecté.',
  'security.sessions.endedMany': '{count} sessions sont fermées : seul cet appareil reste connecté.',

  'device.onSystem': '{browser} sous {platform}',
  'device.onDevice': '{browser} sur {platform}',
  'device.unknownBrowserOn': 'Navigateur inconnu sous {platform}',
  'device.unknown': 'Appareil non reconnu',

  'mailbox.title': 'Boîte aux lettres de développement',
  'mailbox.intro':
    'Les e-mails préparés par Portier, du plus récent au plus ancien. Sur l’installation de développement, ils ne partent pas vraiment : ils restent ici pour que vous puissiez suivre leurs liens.',
  'mailbox.filter': 'Destinataire (facultatif)',
  'mailbox.refresh': 'Actualiser',
  'mailbox.empty': 'Aucun e-mail pour le moment.',
  'mailbox.count': 'E-mails affichés : {count}',
  'mailbox.to': 'Destinataire',
  'mailbox.time': 'Créé le',
  'mailbox.statusLabel': 'État',
  'mailbox.language': 'Langue',
  'mailbox.status.pending': 'en attente',
  'mailbox.status.sent': 'remis',
  'mailbox.status.failed': 'échec',
  'mailbox.unavailable.title': 'Boîte aux lettres indisponible',
  'mailbox.unavailable.body':
    'Cette page n’existe que sur l’installation de développement intégrée (base SQLite locale, sans serveur SMTP). Ici, les e-mails partent réellement : consultez la boîte de réception du destinataire.',

  'notFound.title': 'Page introuvable',
  'notFound.body': 'Aucune page de Portier ne correspond à cette adresse.',
  'notFound.link': 'Aller à la page de connexion',
} as const;

export type MessageKey = keyof typeof fr;
export type Messages = Record<MessageKey, string>;
