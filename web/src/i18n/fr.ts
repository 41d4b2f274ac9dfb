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
  'signIn.forgotLink': 'Mot de passe oublié ?',
  'signIn.validation.emailMissing': 'Indiquez votre adresse e-mail.',
  'signIn.validation.emailInvalid':
    'Cette adresse semble incomplète : il manque le « @ » ou le domaine (exemple : prenom@hotel.fr).',
  'signIn.validation.passwordMissing': 'Indiquez votre mot de passe.',

  'signIn.tips.title': 'Quelques vérifications utiles :',
  'signIn.tips.typeByHand':
    'Tapez vous-même l’adresse et le mot de passe au lieu de laisser le navigateur les remplir : il propose parfois une version périmée.',
  'signIn.tips.oldPassword':
    'Si vous avez changé de mot de passe récemment, assurez-vous de ne pas saisir l’ancien.',
  'signIn.tips.capsLock': 'Vérifiez que la touche de verrouillage des majuscules est désactivée.',
  'signIn.tips.forgot': 'Toujours bloqué ? <link>Choisissez un nouveau mot de passe</link>.',

  'signIn.waysOut.title': 'Pour retrouver l’accès :',
  'signIn.waysOut.reset_password':
    'Réinitialisez votre mot de passe grâce au lien reçu par e-mail : le compte est réactivé du même coup. <link>Recevoir le lien</link>',
  'signIn.waysOut.ask_user_manager':
    'Demandez à un collègue qui gère les utilisateurs de votre établissement de réactiver votre compte.',
  'signIn.waysOut.contact_support':
    'Contactez notre support : après vérification de votre identité, il pourra réactiver votre compte.',

  'signIn.expired.title': 'Votre mot de passe a expiré',
  'signIn.expired.bodyDays':
    'Pour sécuriser les paiements par carte (norme PCI DSS), chaque mot de passe doit être renouvelé tous les {days} jours. Choisissez-en un nouveau pour accéder à votre compte.',
  'signIn.expired.bodyGeneric':
    'La norme PCI DSS, qui encadre les paiements par carte, impose de renouveler son mot de passe au moins tous les 90 jours. Choisissez-en un nouveau pour accéder à votre compte.',
  'signIn.expired.link': 'Choisir un nouveau mot de passe',

  'signIn.mfa.title': 'Double authentification',

  'signIn.suspended.contactTitle': 'Contact de facturation prévenu :',
  'signIn.suspended.next': 'L’accès revient de lui-même dès que les factures en retard sont réglées.',

  'signIn.errors.invalidCredentials': 'Adresse e-mail ou mot de passe non valide',
  'signIn.errors.accountDisabled':
    'Votre compte est désactivé après trop de tentatives de connexion infructueuses.',
  'signIn.errors.accountDisabledByPerson': 'Votre compte est désactivé.',
  'signIn.rateLimited.generic': 'Trop de tentatives de connexion ont échoué depuis ce réseau.',
  'signIn.rateLimited.retryIn': 'Vous pourrez réessayer {when} (dans {duration}).',
  'signIn.rateLimited.retryLater': 'Patientez un peu avant de réessayer.',

  'signIn.cookies.title': 'Les cookies sont bloqués',
  'signIn.cookies.afterSignIn':
    'Votre mot de passe est le bon, mais votre navigateur n’a pas gardé le cookie de connexion : vos pages ne peuvent pas s’ouvrir. Autorisez les cookies pour {host}, puis reconnectez-vous.',
  'signIn.cookies.body':
    'Votre navigateur refuse les cookies de ce site. Portier en a besoin pour garder votre session ouverte : autorisez les cookies pour {host} dans les réglages du navigateur, puis rechargez la page.',

  'signIn.browser.title': 'Navigateur non pris en charge',
  'signIn.browser.unknown':
    'Ce navigateur ne figure pas parmi ceux que nous prenons en charge : certaines pages risquent de mal fonctionner. Utilisez de préférence une version récente de Chrome, Firefox, Edge ou Safari.',
  'signIn.browser.outdated':
    'Votre version de {browser} ({version}) est trop ancienne : certaines pages risquent de mal fonctionner. Mettez votre navigateur à jour ou utilisez une version récente de Chrome, Firefox, Edge ou Safari.',

  'signIn.reason.idle_timeout':
    'Votre session a été fermée après {duration} sans activité, pour protéger votre compte si l’ordinateur est partagé. Il vous suffit de vous reconnecter.',
  'signIn.reason.idle_timeoutGeneric':
    'Votre session a été fermée après une longue période sans activité, pour protéger votre compte si l’ordinateur est partagé. Il vous suffit de vous reconnecter.',
  'signIn.reason.max_age':
    'Votre session a été fermée : par sécurité, elle dure au plus {duration} après la connexion, même en cas d’activité. Il vous suffit de vous reconnecter.',
  'signIn.reason.max_ageGeneric':
    'Votre session a été fermée : par sécurité, sa durée est limitée, même en cas d’activité. Il vous suffit de vous reconnecter.',
  'signIn.reason.signed_out': 'Votre session est fermée. Vous pouvez vous reconnecter à tout moment.',
  'signIn.reason.change_missing':
    'Pour remplacer un mot de passe expiré, connectez-vous d’abord avec celui-ci : nous vous demanderons ensuite d’en choisir un nouveau.',
  'signIn.reason.change_expired':
    'Le délai de 15 minutes pour choisir un nouveau mot de passe est dépassé. Reconnectez-vous avec votre mot de passe actuel, puis choisissez-en un nouveau sans attendre.',

  'home.title': 'Bonjour, {name}',
  'home.account': 'Adresse de connexion : {email}',
  'home.sessionLimits':
    'Sans activité, votre session se ferme au bout de {idle}. Elle prendra fin au plus tard {when}.',
  'home.signOut': 'Se déconnecter',
  'home.signingOut': 'Déconnexion…',
  'home.signOutFailed': 'La déconnexion n’a pas abouti. Réessayez.',
  'home.navLabel': 'Votre compte',
  'home.securityLink': 'Sécurité du compte',
  'home.securityHint': 'Mot de passe et appareils connectés',

  'idle.idle.title': 'Êtes-vous toujours là ?',
  'idle.idle.body': 'Faute d’activité, votre session se fermera dans {remaining}.',
  'idle.idle.stay': 'Rester connecté',
  'idle.absolute.title': 'Votre session touche à sa fin',
  'idle.absolute.bodyMax':
    'Une session dure au plus {max} après la connexion et ne peut pas être prolongée. Elle se fermera dans {remaining} : enregistrez votre travail, puis reconnectez-vous.',
  'idle.absolute.bodyGeneric':
    'Votre session atteint sa durée maximale et ne peut pas être prolongée. Elle se fermera dans {remaining} : enregistrez votre travail, puis reconnectez-vous.',
  'idle.absolute.dismiss': 'J’ai compris',
  'idle.countdown': 'Temps restant',

  'forgot.title': 'Mot de passe oublié',
  'forgot.intro':
    'Indiquez l’adresse e-mail de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe. Si votre compte a été désactivé après trop de tentatives, il sera réactivé du même coup.',
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
    'Rien reçu d’ici quelques minutes ? Jetez un œil dans le dossier des courriers indésirables (spams).',
  'forgot.sent.sender':
    'L’e-mail est envoyé par Portier et son lien mène à {host}. Méfiez-vous d’un message qui vous enverrait ailleurs.',
  'forgot.sent.reenables':
    'Choisir un nouveau mot de passe réactive aussi un compte désactivé après trop de tentatives.',
  'forgot.sent.again':
    'C’est fait : si un compte correspond à {email}, un nouveau lien vient de partir. Les liens précédents ne fonctionnent plus.',
  'forgot.sent.resend': 'Renvoyer le lien',
  'forgot.sent.otherAddress': 'Essayer une autre adresse',

  'password.current': 'Mot de passe actuel',
  'password.new': 'Nouveau mot de passe',
  'password.confirm': 'Confirmez le nouveau mot de passe',
  'password.showCurrent': 'Afficher le mot de passe actuel',
  'password.showNew': 'Afficher le nouveau mot de passe',
  'password.rules.title': 'Votre nouveau mot de passe doit :',
  'password.rules.length': 'compter au moins {min} caractères (et pas plus de {max}) ;',
  'password.rules.common': 'ne pas faire partie des mots de passe courants ou déjà divulgués ;',
  'password.rules.personal':
    'ne pas se deviner facilement à partir de votre nom ou de votre adresse e-mail ;',
  'password.rules.history': 'être différent de vos {count} derniers mots de passe.',
  'password.rules.tip':
    'Astuce : quelques mots sans rapport entre eux, mis bout à bout, donnent un mot de passe à la fois solide et facile à retenir.',
  'password.strength.label': 'Robustesse',
  'password.strength.none': 'non évaluée',
  'password.strength.score0': 'très faible',
  'password.strength.score1': 'faible',
  'password.strength.score2': 'moyenne',
  'password.strength.score3': 'bonne',
  'password.strength.score4': 'excellente',
  'password.strength.empty':
    'Commencez à taper : nous vous dirons au fur et à mesure si le mot de passe convient.',
  'password.strength.checking': 'Vérification…',
  'password.strength.unavailable':
    'La vérification en direct est indisponible pour le moment. Votre mot de passe sera tout de même contrôlé à l’envoi.',
  'password.strength.accepted': 'Ce mot de passe convient.',
  'password.strength.refused': 'Ce mot de passe ne sera pas accepté :',
  'password.strength.suggestions': 'Pour faire mieux :',
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
    'Vous y êtes presque : choisissez le mot de passe que vous utiliserez désormais pour vous connecter.',
  'reset.submit': 'Enregistrer le mot de passe',
  'reset.submitting': 'Enregistrement…',
  'reset.newLink': 'Recevoir un nouveau lien',
  'reset.missing.title': 'Lien incomplet',
  'reset.missing.body':
    'Cette adresse ne contient pas de lien de réinitialisation valable. Rouvrez le lien depuis l’e-mail reçu (s’il est coupé sur deux lignes, copiez-le en entier) ou demandez-en un nouveau.',
  'reset.invalid.title': 'Ce lien ne fonctionne plus',
  'reset.invalid.body':
    'Ce lien de réinitialisation n’est plus valable : votre mot de passe n’a pas été modifié.',
  'reset.invalid.used': 'Il a peut-être déjà servi : chaque lien ne fonctionne qu’une fois.',
  'reset.invalid.expired': 'Il a peut-être expiré : un lien reste valable 1 heure.',
  'reset.invalid.superseded':
    'Un lien plus récent a peut-être été demandé depuis : seul le dernier fonctionne.',
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
    'Rien d’anormal sur votre compte : choisissez-en simplement un nouveau, et vous serez connecté aussitôt.',
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
    'Choisissez-en un nouveau avec le formulaire ci-dessous ; sinon, cela vous sera demandé à votre prochaine connexion.',
  'security.password.rule':
    'Pour protéger les paiements par carte (norme PCI DSS), chaque mot de passe doit être changé au moins tous les {days} jours. Un e-mail vous prévient avant l’échéance.',
  'security.change.title': 'Changer de mot de passe',
  'security.change.submit': 'Changer le mot de passe',
  'security.change.submitting': 'Enregistrement…',
  'security.change.done': 'Votre mot de passe a été changé.',
  'security.change.doneSessions':
    'Par sécurité, vos sessions sur les autres appareils ont été fermées ; celle-ci reste ouverte.',
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
  'security.sessions.ended': 'La session « {device} » est fermée.',
  'security.sessions.alreadyEnded': 'Cette session était déjà fermée.',
  'security.sessions.endedNone': 'Aucune autre session n’était ouverte.',
  'security.sessions.endedOne': 'L’autre session est fermée : seul cet appareil reste connecté.',
  'security.sessions.endedMany': '{count} sessions sont fermées : seul cet appareil reste connecté.',

  'device.onSystem': '{browser} sous {platform}',
  'device.onDevice': '{browser} sur {platform}',
  'device.unknownBrowserOn': 'Navigateur inconnu sous {platform}',
  'device.unknown': 'Appareil non reconnu',

  'mailbox.title': 'Boîte aux lettres de développement',
  'mailbox.intro':
    'Les e-mails préparés par Portier, du plus récent au plus ancien. Sur l’installation de développement, ils ne partent pas vraiment : ils restent ici pour que vous puissiez suivre leurs liens.',
  'mailbox.filter': 'Destinataire (facultatif)',
  'mailbox.refresh': 'Actualiser',
  'mailbox.empty': 'Aucun e-mail pour le moment.',
  'mailbox.count': 'E-mails affichés : {count}',
  'mailbox.to': 'Destinataire',
  'mailbox.time': 'Créé le',
  'mailbox.statusLabel': 'État',
  'mailbox.language': 'Langue',
  'mailbox.status.pending': 'en attente',
  'mailbox.status.sent': 'remis',
  'mailbox.status.failed': 'échec',
  'mailbox.unavailable.title': 'Boîte aux lettres indisponible',
  'mailbox.unavailable.body':
    'Cette page n’existe que sur l’installation de développement intégrée (base SQLite locale, sans serveur SMTP). Ici, les e-mails partent réellement : consultez la boîte de réception du destinataire.',

  'common.cancel': 'Annuler',
  'common.saving': 'Enregistrement…',
  'common.sending': 'Envoi…',

  'role.admin': 'Administrateur',
  'role.user_manager': 'Gestionnaire des utilisateurs',
  'role.member': 'Membre',

  'nav.label': 'Navigation principale',
  'nav.home': 'Accueil',
  'nav.users': 'Utilisateurs',
  'nav.audit': 'Journal d’activité',
  'nav.security': 'Sécurité',
  'nav.propertyLabel': 'Établissement :',
  'nav.switchProperty': 'Changer d’établissement',
  'nav.chooseProperty': 'Choisir un établissement',

  'home.usersLink': 'Gérer les utilisateurs',
  'home.usersHint': 'Inviter, réactiver un compte, accorder des accès',
  'home.auditLink': 'Consulter le journal d’activité',
  'home.auditHint': 'Qui a fait quoi sur les comptes, et quand',
  'home.switchLink': 'Changer d’établissement',
  'home.switchHint': 'Votre compte donne accès à {count} établissements',
  'home.noProperty.title': 'Aucun établissement pour l’instant',
  'home.noProperty.body':
    'Votre compte n’est rattaché à aucun établissement. Dès qu’un responsable de votre hôtel vous y invitera, ses logiciels apparaîtront ici.',
  'home.products.intro': 'Les logiciels et les onglets que vous pouvez ouvrir dans cet établissement.',
  'home.product.openCount': 'Onglets ouverts : {open} sur {total}',
  'home.tab.open': 'Ouvrir',
  'home.tab.closed': 'Accès fermé',
  'home.tab.ask': 'Demandez à {names}',
  'home.tab.nobody': 'Personne ici ne peut vous l’ouvrir',
  'home.tab.askSupport':
    'Pour un onglet que personne dans l’établissement ne peut vous ouvrir, l’administrateur ou le contact principal doit en faire la demande à l’assistance.',
  'home.tab.suspended': 'Indisponible tant que l’accès est suspendu',
  'home.tab.granted': 'Accès autorisé : « {tab} » ({product}).',
  'home.suspended.title': 'Accès suspendu pour factures impayées',
  'home.suspended.notified':
    'Les logiciels de l’établissement restent fermés tant que les factures en retard ne sont pas réglées. Le contact de facturation, {contact}, a été prévenu par e-mail.',
  'home.suspended.notifiedGeneric':
    'Les logiciels de l’établissement restent fermés tant que les factures en retard ne sont pas réglées. Le contact de facturation a été prévenu par e-mail.',
  'home.suspended.back': 'L’accès revient de lui-même dès le règlement.',

  'properties.title': 'Choisissez votre établissement',
  'properties.titleSwitch': 'Changer d’établissement',
  'properties.intro':
    'Votre compte donne accès à plusieurs établissements. Choisissez celui dans lequel vous travaillez : Portier s’en souviendra à votre prochaine connexion.',
  'properties.current': 'Établissement actuel',
  'properties.primaryContact': 'Contact principal',
  'properties.suspended': 'Suspendu',
  'properties.suspendedHint': 'Accès suspendu pour factures impayées',

  'manager.noProperty': 'Choisissez d’abord l’établissement dans lequel vous travaillez.',
  'manager.forbidden.title': 'Page réservée à la gestion des utilisateurs',
  'manager.forbidden.body':
    'Seuls les administrateurs et les gestionnaires des utilisateurs de l’établissement {property} peuvent consulter cette page. Si vous en avez besoin, adressez-vous à l’un d’eux.',

  'users.title': 'Utilisateurs',
  'users.intro':
    'Les personnes qui ont accès à l’établissement {property}, et ce qui peut les empêcher de se connecter.',
  'users.invite': 'Inviter une personne',
  'users.filter.status': 'Statut',
  'users.filter.statusAll': 'Tous les statuts',
  'users.filter.statusActive': 'Actifs',
  'users.filter.statusDisabled': 'Désactivés',
  'users.filter.statusExpired': 'Mot de passe expiré',
  'users.filter.role': 'Rôle',
  'users.filter.roleAll': 'Tous les rôles',
  'users.filter.search': 'Rechercher un nom ou une adresse e-mail',
  'users.count': 'Personnes dans l’établissement : {total}',
  'users.countFiltered': 'Personnes affichées : {shown} sur {total}',
  'users.none': 'Personne n’a encore accès à cet établissement.',
  'users.noneMatching': 'Personne ne correspond à ces filtres.',
  'users.caption': 'Utilisateurs de l’établissement {property}',
  'users.col.name': 'Nom',
  'users.col.email': 'Adresse e-mail',
  'users.col.role': 'Rôle',
  'users.col.status': 'Statut',
  'users.col.attempts': 'Tentatives incorrectes',
  'users.col.lastLogin': 'Dernière connexion',
  'users.col.passwordExpiry': 'Expiration du mot de passe',
  'users.col.twoFactor': 'Double authentification',
  'users.you': 'Vous',
  'users.status.active': 'Actif',
  'users.status.disabled': 'Désactivé',
  'users.status.passwordExpired': 'Mot de passe expiré',
  'users.reason.attempts': '{count} tentatives incorrectes',
  'users.reason.attemptsGeneric': 'trop de tentatives incorrectes',
  'users.reason.manager': 'désactivé par un gestionnaire',
  'users.reason.staff': 'désactivé par l’assistance Portier',
  'users.never': 'Jamais',
  'users.unknown': 'Non renseignée',
  'users.expiredOn': 'Expiré le {date}',
  'users.twoFactor.on': 'Activée',
  'users.twoFactor.off': 'Non activée',

  'invitations.title': 'Invitations en attente',
  'invitations.none': 'Aucune invitation en attente.',
  'invitations.sentOn': 'Envoyée le',
  'invitations.validUntil': 'Valable jusqu’au',
  'invitations.resend': 'Renvoyer',
  'invitations.revoke': 'Révoquer',
  'invitations.resent':
    'Une nouvelle invitation est partie pour {email}. Le lien précédent ne fonctionne plus.',
  'invitations.revoked': 'L’invitation destinée à {email} est révoquée : son lien ne fonctionne plus.',
  'invitations.revokeTitle': 'Révoquer l’invitation destinée à {email} ?',
  'invitations.revokeBody':
    'Le lien reçu par e-mail cessera aussitôt de fonctionner. Vous pourrez inviter cette adresse de nouveau plus tard.',
  'invitations.revokeConfirm': 'Révoquer l’invitation',
  'invitations.adminOnly': 'Seul un administrateur peut gérer une invitation au rôle d’administrateur.',

  'invite.title': 'Inviter une personne',
  'invite.intro':
    'La personne recevra par e-mail un lien pour rejoindre l’établissement {property}. Si elle n’a pas encore de compte Portier, elle le créera en choisissant son mot de passe.',
  'invite.email': 'Adresse e-mail',
  'invite.emailMissing': 'Indiquez l’adresse e-mail de la personne à inviter.',
  'invite.name': 'Nom (facultatif)',
  'invite.role': 'Rôle',
  'invite.roleHint.admin':
    'Un administrateur ouvre tous les logiciels et tous les onglets, et gère les utilisateurs.',
  'invite.roleHint.user_manager':
    'Un gestionnaire des utilisateurs invite, réactive et gère les accès des autres, dans la limite des accès qu’il a lui-même.',
  'invite.roleHint.member': 'Un membre ouvre les logiciels et les onglets qui lui sont accordés.',
  'invite.language': 'Langue de l’e-mail d’invitation',
  'invite.grants': 'Accès de départ',
  'invite.grantsIntro':
    'Cochez ce que la personne pourra ouvrir dès son arrivée ; vous pourrez le modifier par la suite.',
  'invite.adminOpensAll': 'Un administrateur ouvre tout : il n’y a aucun accès à cocher.',
  'invite.submit': 'Envoyer l’invitation',
  'invite.sent':
    'Invitation envoyée à {email}. Elle figure parmi les invitations en attente jusqu’à ce qu’elle soit acceptée.',

  'user.titleGeneric': 'Fiche utilisateur',
  'user.back': 'Retour à la liste des utilisateurs',
  'user.notFound': 'Personne introuvable',
  'user.notFoundBody': 'Cette personne ne fait pas, ou plus, partie de l’établissement.',
  'user.attempts': 'Tentatives incorrectes consécutives',
  'user.passwordChanged': 'Mot de passe changé le',
  'user.memberSince': 'Dans l’établissement depuis le',
  'user.language': 'Langue des e-mails',
  'user.actions': 'Actions',
  'user.adminOnly': 'Cette personne est administrateur : seul un autre administrateur peut le faire.',
  'user.enable.title': 'Réactiver le compte',
  'user.enable.body':
    'Le compte est désactivé : cette personne ne peut plus se connecter. Une fois le compte réactivé, elle se connecte avec son mot de passe habituel.',
  'user.enable.start': 'Réactiver le compte',
  'user.enable.question': 'Réactiver le compte de {name} ? Le compteur de tentatives repartira de zéro.',
  'user.enable.confirm': 'Oui, réactiver',
  'user.enable.done': 'Le compte de {name} est réactivé : cette personne peut de nouveau se connecter.',
  'user.reset.title': 'Nouveau mot de passe',
  'user.reset.body':
    'Envoyez à cette personne un lien pour choisir un nouveau mot de passe. Le lien reste valable 1 heure et réactive aussi un compte désactivé après trop de tentatives.',
  'user.reset.send': 'Envoyer un lien de réinitialisation',
  'user.reset.done': 'Le lien est parti pour {email}. Il reste valable 1 heure.',
  'user.twoFactor.title': 'Double authentification',
  'user.twoFactor.body':
    'Si cette personne a perdu son téléphone ou sa clé de sécurité et n’a plus ses codes de secours, réinitialisez sa double authentification.',
  'user.twoFactor.start': 'Réinitialiser la double authentification',
  'user.twoFactor.question': 'Réinitialiser la double authentification de {name} ?',
  'user.twoFactor.consequence':
    'Ses applications d’authentification, clés d’accès et codes de secours seront supprimés, et ses sessions ouvertes fermées. Elle en sera informée par e-mail et pourra configurer une nouvelle méthode.',
  'user.twoFactor.confirm': 'Réinitialiser',
  'user.twoFactor.done':
    'La double authentification de {name} est réinitialisée. Cette personne en a été informée par e-mail.',
  'user.role.title': 'Rôle',
  'user.role.label': 'Nouveau rôle',
  'user.role.submit': 'Changer le rôle',
  'user.role.unchanged': 'Choisissez un rôle différent du rôle actuel.',
  'user.role.done': '{name} a désormais le rôle « {role} ».',
  'user.role.self': 'Vous ne pouvez pas changer votre propre rôle : demandez-le à un autre administrateur.',
  'user.role.noAdmin': 'Seul un administrateur peut nommer un administrateur.',
  'user.email.title': 'Corriger l’adresse e-mail',
  'user.email.label': 'Nouvelle adresse e-mail',
  'user.email.hint':
    'Un lien de confirmation part à la nouvelle adresse, et l’adresse actuelle ({email}) est prévenue. Le changement n’a lieu qu’une fois le lien ouvert.',
  'user.email.submit': 'Envoyer le lien de confirmation',
  'user.email.missing': 'Indiquez la nouvelle adresse e-mail.',
  'user.email.same': 'C’est déjà l’adresse de ce compte.',
  'user.email.done':
    'Lien de confirmation envoyé à {email}. L’ancienne adresse ({old}) a été prévenue ; elle reste celle du compte jusqu’à la confirmation.',
  'user.remove.title': 'Retirer de l’établissement',
  'user.remove.body':
    'La personne ne pourra plus ouvrir les logiciels de l’établissement. Son compte Portier reste actif pour ses éventuels autres établissements.',
  'user.remove.start': 'Retirer de l’établissement',
  'user.remove.question': 'Retirer {name} de l’établissement {property} ?',
  'user.remove.consequence':
    '{name} perdra aussitôt l’accès aux logiciels de l’établissement. Pour lui rendre cet accès plus tard, il faudra lui envoyer une nouvelle invitation.',
  'user.remove.confirm': 'Retirer',
  'user.remove.done': '{name} ne fait plus partie de l’établissement {property}.',

  'grants.title': 'Accès aux logiciels',
  'grants.intro': 'Cochez les logiciels et les onglets que {name} peut ouvrir, puis enregistrez.',
  'grants.self':
    'Vos propres accès ne se modifient pas ici : adressez-vous à un autre administrateur ou gestionnaire.',
  'grants.onlyHeld':
    'Vous ne pouvez accorder ou retirer que les accès que vous avez vous-même : les autres cases sont grisées.',
  'grants.wholeProduct': 'Tout le logiciel',
  'grants.wholeProductHint': 'Tous les onglets, y compris ceux qui seront ajoutés plus tard.',
  'grants.includedInWhole': 'Inclus dans « Tout le logiciel »',
  'grants.notHeld': 'Vous n’avez pas cet accès',
  'grants.adminOpensAll':
    '{name} est administrateur : les administrateurs ouvrent tous les logiciels et tous les onglets, il n’y a donc rien à cocher.',
  'grants.unsaved': 'Modifications non enregistrées',
  'grants.undo': 'Annuler les modifications',
  'grants.save': 'Enregistrer les accès',
  'grants.saved': 'Les accès de {name} sont enregistrés.',
  'grants.undone': 'Modifications annulées : les accès enregistrés sont rétablis.',

  'audit.title': 'Journal d’activité',
  'audit.intro':
    'Ce qui s’est passé sur les comptes de l’établissement {property}, du plus récent au plus ancien.',
  'audit.filter.actor': 'Action faite par',
  'audit.filter.target': 'Personne concernée',
  'audit.filter.anyone': 'Tout le monde',
  'audit.filter.action': 'Type d’action',
  'audit.filter.anyAction': 'Toutes les actions',
  'audit.filter.from': 'Du',
  'audit.filter.to': 'Au',
  'audit.filter.apply': 'Filtrer',
  'audit.filter.clear': 'Effacer les filtres',
  'audit.filter.datesReversed': 'La date de début doit précéder la date de fin.',
  'audit.results': 'Événements',
  'audit.resultsPage': 'Événements — page {page}',
  'audit.count': 'Événements affichés : {count}',
  'audit.none': 'Aucun événement ne correspond.',
  'audit.col.when': 'Date et heure',
  'audit.col.what': 'Événement',
  'audit.col.ip': 'Adresse IP',
  'audit.pager': 'Pages du journal',
  'audit.newer': 'Plus récents',
  'audit.older': 'Plus anciens',
  'audit.pageOf': 'Page {page}',
  'audit.actor.system': 'Portier',
  'audit.actor.staff': 'L’assistance Portier',
  'audit.actor.operator': 'Un opérateur',
  'audit.actor.anonymous': 'Une personne non identifiée',
  'audit.actor.unknown': 'Un compte supprimé',
  'audit.target.unknown': 'un compte supprimé',
  'audit.kind.sign_in.succeeded': 'Connexion réussie',
  'audit.kind.sign_in.failed': 'Échec de connexion',
  'audit.kind.sign_in.refused': 'Connexion refusée',
  'audit.kind.account.disabled': 'Compte désactivé',
  'audit.kind.account.enabled': 'Compte réactivé',
  'audit.kind.password.changed': 'Mot de passe changé',
  'audit.kind.password_reset.sent_by_manager': 'Lien de réinitialisation envoyé par un gestionnaire',
  'audit.kind.mfa.reset': 'Double authentification réinitialisée',
  'audit.kind.invitation.sent': 'Invitation envoyée',
  'audit.kind.invitation.resent': 'Invitation renvoyée',
  'audit.kind.invitation.revoked': 'Invitation révoquée',
  'audit.kind.invitation.accepted': 'Invitation acceptée',
  'audit.kind.membership.added': 'Arrivée dans l’établissement',
  'audit.kind.membership.removed': 'Retrait de l’établissement',
  'audit.kind.membership.role_changed': 'Changement de rôle',
  'audit.kind.grants.changed': 'Accès modifiés',
  'audit.kind.email_change.requested': 'Changement d’adresse e-mail demandé',
  'audit.kind.email_change.confirmed': 'Changement d’adresse e-mail confirmé',
  'audit.event.signInSucceeded': 'Connexion de {target}',
  'audit.event.signInFailed': 'Échec de connexion de {target} : mot de passe incorrect',
  'audit.event.signInFailedUnknown': 'Échec de connexion avec une adresse inconnue',
  'audit.event.signInRefused': 'Connexion refusée à {target}',
  'audit.event.signInRefusedDisabled': 'Connexion refusée à {target} : compte désactivé',
  'audit.event.signInRefusedSuspended': 'Connexion refusée à {target} : établissement suspendu',
  'audit.event.signInPasswordExpired':
    'Connexion de {target} avec un mot de passe expiré : un nouveau mot de passe a été demandé',
  'audit.event.accountDisabled': 'Compte de {target} désactivé',
  'audit.event.accountDisabledAttempts': 'Compte de {target} désactivé après {count} tentatives incorrectes',
  'audit.event.accountEnabled': '{actor} a réactivé le compte de {target}',
  'audit.event.accountEnabledByReset':
    'Compte de {target} réactivé par la réinitialisation de son mot de passe',
  'audit.event.passwordChanged': '{target} a changé son mot de passe',
  'audit.event.passwordChangedReset':
    '{target} a choisi un nouveau mot de passe grâce au lien reçu par e-mail',
  'audit.event.passwordChangedExpired': '{target} a remplacé son mot de passe expiré',
  'audit.event.resetSentByManager':
    '{actor} a envoyé à {target} un lien pour choisir un nouveau mot de passe',
  'audit.event.resetRequested': '{target} a demandé un lien pour choisir un nouveau mot de passe',
  'audit.event.mfaReset': '{actor} a réinitialisé la double authentification de {target}',
  'audit.event.twoFactorPolicyOn':
    '{actor} a rendu la double authentification obligatoire dans l’établissement',
  'audit.event.twoFactorPolicyOff':
    '{actor} a rendu la double authentification facultative dans l’établissement',
  'audit.event.invitationSent': '{actor} a invité {email} ({role})',
  'audit.event.invitationResent': '{actor} a renvoyé l’invitation destinée à {email}',
  'audit.event.invitationRevoked': '{actor} a révoqué l’invitation destinée à {email}',
  'audit.event.invitationAccepted': '{target} a accepté l’invitation et rejoint l’établissement ({role})',
  'audit.event.membershipAdded': '{target} a rejoint l’établissement ({role})',
  'audit.event.membershipRemoved': '{actor} a retiré {target} de l’établissement',
  'audit.event.roleChanged': '{actor} a changé le rôle de {target} : {from} → {to}',
  'audit.event.grantsChanged': '{actor} a modifié les accès de {target}',
  'audit.event.emailChangeRequested':
    '{actor} a demandé à remplacer l’adresse e-mail de {target} par {to} (en attente de confirmation)',
  'audit.event.emailChangeConfirmed': '{target} a confirmé sa nouvelle adresse e-mail : {to}',
  'audit.event.propertyCreated': 'Création de l’établissement',
  'audit.event.other': '{actor} : {action}',
  'audit.event.otherWithTarget': '{actor} : {action} ({target})',
  'audit.detail.consecutive': 'Échecs consécutifs : {count}',
  'audit.detail.granted': 'Accordés : {list}.',
  'audit.detail.revoked': 'Retirés : {list}.',
  'audit.grant.whole': '{product} (tout le logiciel)',
  'audit.grant.tab': '{product} › {tab}',

  'accept.title': 'Invitation',
  'accept.heading': 'Rejoindre {property}',
  'accept.invited': 'Une invitation vous attend : rejoignez {property} avec le rôle « {role} ».',
  'accept.address': 'Adresse de connexion : {email}',
  'accept.existing.body':
    'Vous avez déjà un compte Portier à cette adresse. Acceptez l’invitation, puis connectez-vous avec votre mot de passe habituel.',
  'accept.existing.join': 'Rejoindre {property}',
  'accept.joining': 'Un instant…',
  'accept.new.intro':
    'Pour accepter, créez votre compte Portier : indiquez votre nom, puis choisissez votre mot de passe.',
  'accept.new.name': 'Prénom et nom',
  'accept.new.nameMissing': 'Indiquez votre nom, tel que vos collègues le connaissent.',
  'accept.new.submit': 'Créer mon compte et rejoindre l’établissement',
  'accept.done.title': 'Bienvenue !',
  'accept.done.joined': 'Vous faites désormais partie de l’établissement {property}.',
  'accept.done.signIn': 'Connectez-vous avec l’adresse {email} pour commencer.',
  'accept.missing.title': 'Lien d’invitation incomplet',
  'accept.missing.body':
    'Cette adresse ne contient pas d’invitation valable. Rouvrez le lien depuis l’e-mail reçu ; s’il est coupé sur deux lignes, copiez-le en entier.',
  'accept.invalid.title': 'Cette invitation ne fonctionne plus',
  'accept.invalid.body': 'Ce lien d’invitation n’est plus valable.',
  'accept.invalid.expired': 'Il a peut-être expiré : une invitation n’est valable que quelques jours.',
  'accept.invalid.used': 'Il a peut-être déjà servi : une invitation ne s’accepte qu’une fois.',
  'accept.invalid.resent':
    'L’invitation a peut-être été renvoyée entre-temps, ou révoquée : seul le dernier lien fonctionne.',
  'accept.invalid.next':
    'Demandez à la personne qui gère les utilisateurs de votre établissement de vous envoyer une nouvelle invitation. Si vous l’avez déjà acceptée, connectez-vous simplement.',

  'confirmEmail.title': 'Confirmer votre nouvelle adresse e-mail',
  'confirmEmail.intro':
    'Un responsable de votre établissement a corrigé l’adresse e-mail de votre compte Portier. Confirmez-la pour qu’elle devienne votre adresse de connexion.',
  'confirmEmail.confirm': 'Confirmer cette adresse',
  'confirmEmail.confirming': 'Confirmation…',
  'confirmEmail.done.title': 'Adresse confirmée',
  'confirmEmail.done.body': 'Désormais, connectez-vous avec {email}.',
  'confirmEmail.done.password': 'Votre mot de passe, lui, ne change pas.',
  'confirmEmail.invalid.title': 'Ce lien ne fonctionne plus',
  'confirmEmail.invalid.body':
    'Ce lien de confirmation n’est plus valable : il a déjà servi, il a expiré ou il est incomplet. Votre adresse e-mail n’a pas changé.',
  'confirmEmail.invalid.next':
    'Si l’adresse doit toujours être corrigée, demandez à la personne qui gère les utilisateurs de votre établissement de refaire la demande.',

  'notFound.title': 'Page introuvable',
  'notFound.body': 'Aucune page de Portier ne correspond à cette adresse.',
  'notFound.link': 'Aller à la page de connexion',
  'signIn.reason.mfa_expired':
    'La vérification a expiré (elle dure 5 minutes) ou a été interrompue. Reconnectez-vous avec votre mot de passe : un nouveau code vous sera demandé.',
  'signIn.reason.password_changed':
    'Votre mot de passe a été changé entre-temps (dans une autre fenêtre, ou par un lien de réinitialisation) : cette connexion a donc été interrompue. Connectez-vous avec le nouveau mot de passe.',
  'signIn.reason.mfa_locked':
    'Trop de codes incorrects : par sécurité, la vérification a été annulée et nous vous avons prévenu par e-mail. Votre compte n’est pas bloqué : reconnectez-vous avec votre mot de passe.',

  'mfa.cancel': 'Annuler',
  'mfa.remove': 'Supprimer',
  'mfa.checking': 'Vérification…',
  'mfa.code.appLabel': 'Code à 6 chiffres de l’application',
  'mfa.code.emailLabel': 'Code à 6 chiffres reçu par e-mail',
  'mfa.code.recoveryLabel': 'Code de secours',
  'mfa.code.sixDigits': 'Le code compte 6 chiffres, sans lettres. Saisissez-le tel qu’il s’affiche.',
  'mfa.code.recoveryFormat':
    'Un code de secours ressemble à ABCD-EFGH-JKLM (12 caractères). Recopiez l’un de ceux que vous avez enregistrés.',

  'mfa.verify.title': 'Double authentification',
  'mfa.verify.intro':
    'Votre mot de passe est correct. Confirmez maintenant que c’est bien vous, avec votre deuxième moyen de vérification.',
  'mfa.verify.appTitle': 'Code de l’application d’authentification',
  'mfa.verify.appHint':
    'Ouvrez l’application d’authentification de votre téléphone (Google Authenticator, Microsoft Authenticator…) et saisissez le code affiché pour Portier. Il change toutes les 30 secondes.',
  'mfa.verify.passkeyTitle': 'Clé d’accès',
  'mfa.verify.passkeyBody':
    'Votre navigateur va vous demander de confirmer avec votre clé d’accès : empreinte, visage, code de déverrouillage de l’appareil ou clé de sécurité USB.',
  'mfa.verify.passkeyButton': 'Utiliser ma clé d’accès',
  'mfa.verify.passkeyWaiting': 'En attente de votre clé d’accès…',
  'mfa.verify.emailTitle': 'Code reçu par e-mail',
  'mfa.verify.emailSending': 'Envoi du code à votre adresse e-mail…',
  'mfa.verify.emailSent':
    'Code envoyé à votre adresse e-mail. Il est valable 10 minutes. Pensez à regarder dans les courriers indésirables.',
  'mfa.verify.emailHint':
    'Le code figure dans l’e-mail « Portier : votre code de vérification … » (et dans son objet).',
  'mfa.verify.emailResend': 'Renvoyer un code',
  'mfa.verify.recoveryTitle': 'Code de secours',
  'mfa.verify.recoveryHint':
    'Saisissez l’un des 10 codes de secours que vous avez enregistrés lors de l’activation (exemple : ABCD-EFGH-JKLM). Chaque code ne sert qu’une fois.',
  'mfa.verify.trust': 'Faire confiance à cet appareil pendant 30 jours',
  'mfa.verify.trustHint':
    'Sur cet appareil, seul le mot de passe sera demandé pendant 30 jours. À ne pas cocher sur un poste partagé (réception, ordinateur commun).',
  'mfa.verify.submit': 'Vérifier',
  'mfa.verify.otherMethods': 'Autre moyen de vérification',
  'mfa.verify.useApp': 'Utiliser le code de l’application',
  'mfa.verify.usePasskey': 'Utiliser une clé d’accès',
  'mfa.verify.useEmail': 'M’envoyer un code par e-mail',
  'mfa.verify.useRecovery': 'Utiliser un code de secours',
  'mfa.verify.back': 'Retour à la connexion',
  'mfa.verify.doneTitle': 'Vous êtes connecté',
  'mfa.verify.recoveryLeft': 'Il vous reste {count} code(s) de secours.',
  'mfa.verify.recoveryNext':
    'Si vous avez changé ou perdu votre téléphone, configurez dès maintenant l’application d’authentification sur le nouveau, dans « Sécurité ». Quand il reste peu de codes, générez-en de nouveaux.',
  'mfa.verify.goSecurity': 'Configurer la double authentification',
  'mfa.verify.continue': 'Continuer',

  'mfa.help.title': 'Un problème avec le code ?',
  'mfa.help.clock':
    'Le code est refusé alors qu’il est bien recopié : l’heure de votre téléphone est sans doute décalée. Dans les réglages du téléphone, activez « Date et heure automatiques », puis réessayez avec un nouveau code.',
  'mfa.help.newPhone':
    'Nouveau téléphone : utilisez un code de secours pour vous connecter, puis configurez à nouveau l’application d’authentification dans « Sécurité ».',
  'mfa.help.lostPhone':
    'Téléphone perdu ou cassé : connectez-vous avec un code de secours, ou demandez à une personne qui gère les utilisateurs de votre établissement de réinitialiser votre double authentification.',
  'mfa.help.email':
    'L’e-mail n’arrive pas : attendez une minute et regardez dans les courriers indésirables, puis demandez un nouveau code.',

  'mfa.enrol.title': 'Activez la double authentification',
  'mfa.enrol.whyTitle': 'Votre établissement l’exige',
  'mfa.enrol.why':
    'Votre établissement demande à tous ses utilisateurs une double authentification : en plus du mot de passe, un code à 6 chiffres donné par une application sur votre téléphone. Même si quelqu’un découvre votre mot de passe, il ne pourra pas se connecter.',
  'mfa.enrol.how':
    'Cela prend deux minutes, une seule fois. Ensuite, vous saisirez le code à chaque connexion.',
  'mfa.enrol.noPhone':
    'Pas de téléphone sous la main ou pas d’application possible : demandez à une personne qui gère les utilisateurs de votre établissement.',
  'mfa.enrol.done': 'La double authentification est activée et vous êtes connecté.',

  'mfa.totp.step1': 'Installez une application d’authentification sur votre téléphone.',
  'mfa.totp.step1Apps':
    'Par exemple Google Authenticator, Microsoft Authenticator ou FreeOTP, gratuites sur l’App Store et Google Play. Si vous en avez déjà une, utilisez-la.',
  'mfa.totp.step2': 'Dans l’application, ajoutez un compte et scannez ce QR code.',
  'mfa.totp.qrAlt': 'QR code à scanner avec l’application d’authentification',
  'mfa.totp.manual':
    'Impossible de scanner ? Choisissez « Saisir une clé » dans l’application et recopiez cette clé :',
  'mfa.totp.manualHint': 'Les espaces n’ont pas d’importance. Type : basé sur l’heure (TOTP).',
  'mfa.totp.step3': 'Saisissez le code à 6 chiffres affiché par l’application.',
  'mfa.totp.codeHint': 'Le code change toutes les 30 secondes : saisissez celui affiché en ce moment.',
  'mfa.totp.name': 'Nom de cet appareil',
  'mfa.totp.nameHint': 'Pour le reconnaître dans la liste, par exemple « Téléphone de Camille ».',
  'mfa.totp.defaultName': 'Application d’authentification',
  'mfa.totp.confirm': 'Activer',
  'mfa.totp.added': 'Application d’authentification « {name} » ajoutée.',

  'mfa.passkey.explain':
    'Une clé d’accès vous connecte avec l’empreinte, le visage ou le code de déverrouillage de cet appareil, ou avec une clé de sécurité USB. Votre navigateur va vous le demander.',
  'mfa.passkey.name': 'Nom de la clé d’accès',
  'mfa.passkey.nameHint': 'Pour la reconnaître dans la liste, par exemple « Tablette de la réception ».',
  'mfa.passkey.defaultName': 'Clé d’accès',
  'mfa.passkey.create': 'Créer la clé d’accès',
  'mfa.passkey.waiting': 'Suivez les indications de votre navigateur…',
  'mfa.passkey.added': 'Clé d’accès « {name} » ajoutée.',
  'mfa.passkey.createFailed':
    'La clé d’accès n’a pas été créée : la demande a été annulée ou a expiré, ou cet appareil ne le permet pas. Réessayez, ou ajoutez plutôt une application d’authentification.',
  'mfa.passkey.signInFailed':
    'La clé d’accès n’a pas été utilisée : la demande a été annulée ou a expiré, ou la clé n’est pas sur cet appareil. Réessayez, ou choisissez un autre moyen ci-dessous.',

  'mfa.codes.title': 'Vos codes de secours',
  'mfa.codes.onceTitle': 'Enregistrez ces codes maintenant : ils ne seront plus affichés.',
  'mfa.codes.onceBody':
    'Chaque code permet une seule connexion si vous n’avez pas votre téléphone ou votre clé d’accès (nouveau téléphone, téléphone perdu).',
  'mfa.codes.listLabel': 'Codes de secours',
  'mfa.codes.download': 'Télécharger (.txt)',
  'mfa.codes.print': 'Imprimer',
  'mfa.codes.where':
    'Gardez-les dans un gestionnaire de mots de passe ou sur papier en lieu sûr, pas sur le téléphone qui sert à la vérification.',
  'mfa.codes.saved': 'J’ai enregistré ces codes en lieu sûr',
  'mfa.codes.savedMissing': 'Cochez la case pour confirmer que vous avez enregistré les codes.',
  'mfa.codes.done': 'Terminer',
  'mfa.codes.fileTitle': 'Portier — codes de secours (chaque code ne sert qu’une fois)',
  'mfa.codes.fileHint': 'Les codes précédents ne fonctionnent plus.',
  'mfa.codes.sectionTitle': 'Codes de secours',
  'mfa.codes.left': 'Codes de secours non utilisés : {count} sur 10.',
  'mfa.codes.lowBody': 'Il vous reste peu de codes de secours : générez-en de nouveaux et enregistrez-les.',
  'mfa.codes.regenerate': 'Générer de nouveaux codes de secours',
  'mfa.codes.regenerateTitle': 'Générer de nouveaux codes de secours ?',
  'mfa.codes.regenerateBody':
    'Vous recevrez 10 nouveaux codes et les anciens cesseront aussitôt de fonctionner, y compris ceux imprimés.',
  'mfa.codes.regenerateConfirm': 'Générer',
  'mfa.codes.regenerated': 'Nouveaux codes de secours générés : les anciens ne fonctionnent plus.',

  'mfa.section.title': 'Double authentification',
  'mfa.section.intro':
    'En plus du mot de passe, un deuxième moyen de vérification : un code de l’application d’authentification de votre téléphone ou une clé d’accès.',
  'mfa.section.on': 'Activée',
  'mfa.section.off': 'Non activée',
  'mfa.section.offBody':
    'Ajoutez une application d’authentification ou une clé d’accès : vous recevrez aussi 10 codes de secours.',
  'mfa.section.required': 'Votre établissement exige la double authentification.',
  'mfa.factors.title': 'Vos moyens de vérification',
  'mfa.factors.typeApp': 'Application',
  'mfa.factors.typePasskey': 'Clé d’accès',
  'mfa.factors.added': 'Ajouté le',
  'mfa.factors.lastUsed': 'Dernière utilisation',
  'mfa.factors.never': 'Jamais',
  'mfa.factors.remove': 'Supprimer « {name} »',
  'mfa.factors.removeTitle': 'Supprimer « {name} » ?',
  'mfa.factors.removeBody': 'Ce moyen ne permettra plus de vous connecter. Les autres restent actifs.',
  'mfa.factors.removeLastBody':
    'C’est votre dernier moyen de vérification : la double authentification sera désactivée et vos codes de secours annulés.',
  'mfa.factors.removed': '« {name} » a été supprimé.',
  'mfa.add.app': 'Ajouter une application d’authentification',
  'mfa.add.passkey': 'Ajouter une clé d’accès',
  'mfa.add.appTitle': 'Nouvelle application d’authentification',
  'mfa.add.passkeyTitle': 'Nouvelle clé d’accès',
  'mfa.devices.title': 'Appareils de confiance',
  'mfa.devices.none': 'Aucun appareil de confiance : le deuxième moyen est demandé à chaque connexion.',
  'mfa.devices.until': 'Depuis le {added}, jusqu’au {until}',
  'mfa.devices.remove': 'Ne plus faire confiance',
  'mfa.devices.removeTitle': 'Ne plus faire confiance à cet appareil ?',
  'mfa.devices.removeBody':
    'À la prochaine connexion sur cet appareil, le deuxième moyen de vérification sera demandé.',
  'mfa.devices.removed': 'Cet appareil n’est plus de confiance.',
  'mfa.reauth.title': 'Confirmez votre mot de passe',
  'mfa.reauth.body':
    'Par sécurité, saisissez votre mot de passe avant de modifier la double authentification. Il ne sera plus demandé pendant 10 minutes.',
  'mfa.reauth.submit': 'Confirmer',
  'mfa.reauth.cancelled': 'Mot de passe non confirmé : rien n’a été modifié.',

  'policy.title': 'Double authentification pour tout l’établissement',
  'policy.intro':
    'Exiger la double authentification pour tous : chaque personne devra l’activer à sa prochaine connexion, avec une application d’authentification.',
  'policy.stateOn': 'Actuellement : exigée de tous les membres.',
  'policy.stateOff': 'Actuellement : pas exigée, chacun choisit.',
  'policy.require': 'Exiger la double authentification pour tous',
  'policy.stop': 'Ne plus l’exiger',
  'policy.confirmOnTitle': 'Exiger la double authentification pour tous ?',
  'policy.confirmOnBody':
    'Toutes les personnes de {property} sans double authentification devront l’activer à leur prochaine connexion.',
  'policy.confirmOn': 'Exiger',
  'policy.confirmOffTitle': 'Ne plus exiger la double authentification ?',
  'policy.confirmOffBody':
    'Chaque personne de {property} pourra choisir. Celles qui l’ont activée la garderont.',
  'policy.confirmOff': 'Ne plus exiger',
  'policy.doneOn': 'La double authentification est désormais exigée pour tous à {property}.',
  'policy.doneOff': 'La double authentification n’est plus exigée à {property}.',
} as const;

export type MessageKey = keyof typeof fr;
export type Messages = Record<MessageKey, string>;
