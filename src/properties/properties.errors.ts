import { AppError } from '../errors.js';

export const PROPERTY_ERROR_CODES = {
  forbidden: 'forbidden',
  cannotChangeSelf: 'cannot_change_self',
  cannotManageAdmins: 'cannot_manage_admins',
  lastAdmin: 'last_admin',
  grantNotHeld: 'grant_not_held',
  grantsNotApplicable: 'grants_not_applicable',
  unknownProduct: 'unknown_product',
  alreadyMember: 'already_member',
  invitationPending: 'invitation_pending',
  emailTaken: 'email_taken',
  accountNotDisabled: 'account_not_disabled',
  accountShared: 'account_shared',
  accountNeedsAdmin: 'account_needs_admin',
} as const;

const list = (items: Array<{ product: string; tab: string }>) =>
  items.map((g) => (g.tab === '*' ? g.product : `${g.product}/${g.tab}`)).join(', ');

export const propertyErrors = {
  // Not a member, or an object of another property: the same 404 as a missing one (no existence leak).
  notFound: () => new AppError('not_found', 404),
  forbidden: () => new AppError('forbidden', 403),
  cannotChangeSelf: () => new AppError('cannot_change_self', 403),
  cannotManageAdmins: () => new AppError('cannot_manage_admins', 403),
  lastAdmin: () => new AppError('last_admin', 409),
  grantNotHeld: (items: Array<{ product: string; tab: string }>) =>
    new AppError('grant_not_held', 403, { params: { items: list(items) }, details: { notHeld: items } }),
  grantsNotApplicable: () => new AppError('grants_not_applicable', 400),
  unknownProduct: (items: Array<{ product: string; tab: string }>) =>
    new AppError('unknown_product', 400, { params: { items: list(items) }, details: { unknown: items } }),
  alreadyMember: () => new AppError('already_member', 409),
  invitationPending: () => new AppError('invitation_pending', 409),
  emailTaken: () => new AppError('email_taken', 409),
  accountNotDisabled: () => new AppError('account_not_disabled', 409),
  /** The account also opens another property: its e-mail and second factors are not this one's to change. */
  accountShared: () => new AppError('account_shared', 403),
  /** A user manager changes the e-mail or second factors of plain members only. */
  accountNeedsAdmin: () => new AppError('account_needs_admin', 403),
};
