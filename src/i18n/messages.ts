/**
 * The error-message catalogue, one entry per stable error code, in French and English.
 * Messages are written for Portier; the wording of invalid_credentials is fixed by SPEC §2.
 */
import type { Language } from './language.js';

export const errorMessages = {
  invalid_request: {
    fr: 'La requête est invalide : {detail}',
    en: 'The request is invalid: {detail}',
  },
  invalid_json: {
    fr: 'Le corps de la requête n’est pas un JSON valide.',
    en: 'The request body is not valid JSON.',
  },
  unsupported_media_type: {
    fr: 'Le corps de la requête doit être envoyé en JSON (Content-Type: application/json).',
    en: 'The request body must be sent as JSON (Content-Type: application/json).',
  },
  payload_too_large: {
    fr: 'Le corps de la requête est trop volumineux.',
    en: 'The request body is too large.',
  },
  password_too_long: {
    fr: 'Le mot de passe est trop long (1024 octets au maximum).',
    en: 'The password is too long (at most 1024 bytes).',
  },
  invalid_credentials: {
    fr: 'Adresse e-mail ou mot de passe non valide',
    en: 'Invalid email or password',
  },
  account_disabled: {
    fr: 'Votre compte est désactivé après trop de tentatives de connexion infructueuses. Pour le réactiver : réinitialisez votre mot de passe avec le lien reçu par e-mail, demandez à un collègue qui gère les utilisateurs de votre établissement, ou contactez l’assistance.',
    en: 'Your account is disabled after too many failed sign-in attempts. To enable it again: reset your password with the link sent by e-mail, ask a colleague who manages users at your property, or contact support.',
  },
  account_disabled_admin: {
    fr: 'Votre compte est désactivé. Demandez à un collègue qui gère les utilisateurs de votre établissement de le réactiver, ou contactez l’assistance.',
    en: 'Your account is disabled. Ask a colleague who manages users at your property to enable it again, or contact support.',
  },
  property_suspended: {
    fr: 'L’accès de votre établissement est suspendu pour factures impayées. Le contact de facturation{contact} a été prévenu par e-mail ; l’accès revient dès le règlement.',
    en: 'Your property’s access is suspended because of unpaid invoices. The billing contact{contact} was told by e-mail; access returns as soon as the invoices are settled.',
  },
  rate_limited: {
    fr: 'Trop de tentatives depuis votre réseau. Réessayez dans {minutes} min.',
    en: 'Too many attempts from your network. Try again in {minutes} min.',
  },
  unauthenticated: {
    fr: 'Vous n’êtes pas connecté ou votre session a expiré. Connectez-vous.',
    en: 'You are not signed in or your session has ended. Please sign in.',
  },
  csrf_rejected: {
    fr: 'Requête refusée : elle ne provient pas de cette application.',
    en: 'Request refused: it does not come from this application.',
  },
  invalid_token: {
    fr: 'Ce lien n’est plus valable : il a déjà servi, il a expiré ou un lien plus récent a été envoyé. Demandez-en un nouveau.',
    en: 'This link is no longer valid: it was already used, it expired or a newer link was sent. Ask for a new one.',
  },
  weak_password: {
    fr: 'Choisissez un autre mot de passe : {reasons}',
    en: 'Choose another password: {reasons}',
  },
  password_reused: {
    fr: 'Ce mot de passe a déjà été utilisé récemment. Choisissez-en un que vous n’avez pas utilisé pour vos {count} derniers mots de passe.',
    en: 'You used this password recently. Choose one that differs from your last {count} passwords.',
  },
  password_changed_meanwhile: {
    fr: 'Votre mot de passe a été changé entre-temps (dans une autre fenêtre, ou par un lien de réinitialisation) : ce changement-ci n’a donc pas été fait. Utilisez le mot de passe désormais en vigueur.',
    en: 'Your password was changed meanwhile (in another window, or through a reset link), so this change was not made. Use the password now in force.',
  },
  invalid_current_password: {
    fr: 'Le mot de passe actuel saisi est incorrect.',
    en: 'The current password you entered is wrong.',
  },
  forbidden: {
    fr: 'Vous n’avez pas les droits nécessaires pour cette action dans cet établissement.',
    en: 'You do not have the rights for this action at this property.',
  },
  cannot_change_self: {
    fr: 'Vous ne pouvez pas modifier votre propre rôle, vos propres accès ni vous retirer vous-même : demandez à un autre administrateur.',
    en: 'You cannot change your own role or access, or remove yourself: ask another administrator.',
  },
  cannot_manage_admins: {
    fr: 'Seul un administrateur peut nommer, modifier ou retirer un administrateur.',
    en: 'Only an administrator can appoint, change or remove an administrator.',
  },
  last_admin: {
    fr: 'C’est le dernier administrateur de l’établissement : nommez d’abord un autre administrateur.',
    en: 'This is the property’s last administrator: appoint another administrator first.',
  },
  grant_not_held: {
    fr: 'Vous ne pouvez accorder ou retirer que les accès que vous avez vous-même : {items}.',
    en: 'You can only grant or revoke access you hold yourself: {items}.',
  },
  grants_not_applicable: {
    fr: 'Les administrateurs ont accès à tous les produits et onglets : il n’y a rien à accorder.',
    en: 'Administrators can open every product and tab: there is nothing to grant.',
  },
  unknown_product: {
    fr: 'Produit ou onglet inconnu : {items}.',
    en: 'Unknown product or tab: {items}.',
  },
  already_member: {
    fr: 'Cette personne fait déjà partie de l’établissement.',
    en: 'This person is already a member of the property.',
  },
  invitation_pending: {
    fr: 'Une invitation est déjà en attente pour cette adresse : renvoyez-la plutôt.',
    en: 'An invitation is already waiting for this address: send it again instead.',
  },
  email_taken: {
    fr: 'Cette adresse e-mail est déjà utilisée par un autre compte.',
    en: 'This e-mail address is already used by another account.',
  },
  account_shared: {
    fr: 'Cette personne a aussi accès à un autre établissement : son adresse e-mail et sa double authentification ne peuvent être modifiées que par elle-même ou par le support.',
    en: 'This person also has access to another property: only they or support can change their e-mail address or two-factor authentication.',
  },
  account_needs_admin: {
    fr: 'Seul un administrateur peut modifier l’adresse e-mail ou la double authentification d’un gestionnaire des utilisateurs.',
    en: 'Only an administrator can change the e-mail address or two-factor authentication of a user manager.',
  },
  account_not_disabled: {
    fr: 'Ce compte est déjà actif.',
    en: 'This account is already active.',
  },
  missing_grant: {
    fr: 'Vous n’avez pas accès à {what}. {who}',
    en: 'You do not have access to {what}. {who}',
  },
  property_required: {
    fr: 'Choisissez d’abord un établissement.',
    en: 'Choose a property first.',
  },
  invalid_challenge: {
    fr: 'Cette étape de vérification a expiré (5 minutes) ou n’est plus valable. Reconnectez-vous.',
    en: 'This verification step has expired (5 minutes) or is no longer valid. Please sign in again.',
  },
  invalid_code: {
    fr: 'Code incorrect. Vérifiez l’heure de votre téléphone et réessayez ({left} essai(s) restant(s)).',
    en: 'Wrong code. Check that your phone’s clock is right and try again ({left} attempt(s) left).',
  },
  challenge_locked: {
    fr: 'Trop de codes incorrects : cette vérification est annulée et nous vous avons prévenu par e-mail. Votre compte n’est pas bloqué : reconnectez-vous.',
    en: 'Too many wrong codes: this verification was cancelled and we told you by e-mail. Your account is not locked: sign in again.',
  },
  reauthentication_required: {
    fr: 'Pour modifier vos méthodes de vérification, confirmez d’abord votre mot de passe.',
    en: 'To change your verification methods, confirm your password first.',
  },
  method_unavailable: {
    fr: 'Cette méthode de vérification n’est pas disponible pour votre compte.',
    en: 'This verification method is not available for your account.',
  },
  not_found: {
    fr: 'Ressource introuvable.',
    en: 'Resource not found.',
  },
  range_not_satisfiable: {
    fr: 'La plage demandée est hors du fichier.',
    en: 'The requested range is outside the file.',
  },
  precondition_failed: {
    fr: 'La condition de la requête n’est pas remplie : le fichier a changé.',
    en: 'The request’s precondition failed: the file has changed.',
  },
  request_timeout: {
    fr: 'La requête est arrivée trop lentement ; réessayez.',
    en: 'The request arrived too slowly; please try again.',
  },
  headers_too_large: {
    fr: 'Les en-têtes de la requête sont trop volumineux.',
    en: 'The request headers are too large.',
  },
  rate_limited_account: {
    fr: 'Trop de codes essayés pour ce compte. Réessayez dans {minutes} min.',
    en: 'Too many codes tried for this account. Try again in {minutes} min.',
  },
  rate_limited_email_codes: {
    fr: 'Trop de codes envoyés par e-mail pour ce compte. Utilisez le dernier code reçu, ou réessayez dans {minutes} min.',
    en: 'Too many codes sent by e-mail for this account. Use the latest code you received, or try again in {minutes} min.',
  },
  rate_limited_reset_links: {
    fr: 'Trop de liens de réinitialisation envoyés à cette adresse. Son propriétaire peut utiliser le dernier reçu ; sinon, réessayez dans {minutes} min.',
    en: 'Too many reset links sent to this address. Its owner can use the latest one received; otherwise, try again in {minutes} min.',
  },
  rate_limited_current_password: {
    fr: 'Trop de mots de passe actuels incorrects. Réessayez dans {minutes} min.',
    en: 'Too many wrong current passwords. Try again in {minutes} min.',
  },
  invalid_email_code: {
    fr: 'Code incorrect. Saisissez le dernier code reçu par e-mail ({left} essai(s) restant(s)).',
    en: 'Wrong code. Enter the latest code sent to you by e-mail ({left} attempt(s) left).',
  },
  invalid_recovery_code: {
    fr: 'Ce code de secours est incorrect ou a déjà servi ({left} essai(s) restant(s)).',
    en: 'This recovery code is wrong or was already used ({left} attempt(s) left).',
  },
  invalid_passkey: {
    fr: 'Cette clé d’accès n’a pas pu être vérifiée. Réessayez ou choisissez une autre méthode ({left} essai(s) restant(s)).',
    en: 'This passkey could not be verified. Try again or choose another method ({left} attempt(s) left).',
  },
  invalid_enrolment_code: {
    fr: 'Code incorrect. Vérifiez l’heure de votre téléphone et saisissez le code affiché maintenant par l’application.',
    en: 'Wrong code. Check that your phone’s clock is right and enter the code the app shows now.',
  },
  invalid_passkey_registration: {
    fr: 'La clé d’accès n’a pas pu être enregistrée. Réessayez.',
    en: 'The passkey could not be registered. Please try again.',
  },
  passkey_already_registered: {
    fr: 'Cette clé d’accès est déjà enregistrée sur un compte.',
    en: 'This passkey is already registered to an account.',
  },
  email_code_not_sent: {
    fr: 'Demandez d’abord un code par e-mail, ou le code envoyé a expiré : demandez-en un nouveau.',
    en: 'Ask for a code by e-mail first, or the code sent has expired: ask for a new one.',
  },
  mfa_app_unavailable: {
    fr: 'Les codes d’application d’authentification ne peuvent pas être vérifiés sur ce serveur pour le moment. Utilisez un autre moyen (code par e-mail, clé d’accès ou code de secours) ou contactez le support.',
    en: 'Authenticator app codes cannot be checked on this server right now. Use another method (e-mailed code, passkey or recovery code) or contact support.',
  },
  mfa_item_not_found: {
    fr: 'Cette méthode ou cet appareil n’existe pas (ou plus) sur votre compte.',
    en: 'This method or device does not exist (or no longer exists) on your account.',
  },
  nul_character: {
    fr: 'La requête contient un caractère nul (U+0000), qui n’est accepté dans aucun champ.',
    en: 'The request contains a null character (U+0000), which no field accepts.',
  },
  malformed_url: {
    fr: 'L’adresse demandée est mal formée.',
    en: 'The requested address is malformed.',
  },
  uri_too_long: {
    fr: 'L’adresse demandée est trop longue.',
    en: 'The requested address is too long.',
  },
  method_not_allowed: {
    fr: 'Méthode non autorisée.',
    en: 'Method not allowed.',
  },
  service_unavailable: {
    fr: 'Le service est momentanément indisponible. Réessayez dans un instant.',
    en: 'The service is temporarily unavailable. Please try again in a moment.',
  },
  internal_error: {
    fr: 'Une erreur inattendue est survenue. Réessayez ; si le problème persiste, contactez l’assistance.',
    en: 'Something unexpected went wrong. Try again; if it keeps happening, contact support.',
  },
} as const satisfies Record<string, Record<Language, string>>;

export type ErrorCode = keyof typeof errorMessages;

export function formatMessage(
  code: ErrorCode,
  lang: Language,
  params: Record<string, string | number> = {},
): string {
  return errorMessages[code][lang].replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ''));
}
