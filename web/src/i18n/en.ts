import type { Messages } from './fr.js';

/** English texts: the same keys as `fr.ts` (the type makes a missing or extra key a compile error). */
export const en: Messages = {
  'lang.switchLabel': 'Language',

  'common.loading': 'Loading…',
  'common.networkError': 'We couldn’t reach Portier. Check your internet connection, then try again.',
  'common.unexpectedError': 'Something went wrong on our side. Please try again in a moment.',
  'common.retry': 'Try again',
  'when.today': 'at {time}',
  'when.tomorrow': 'tomorrow at {time}',
  'when.onDate': 'on {date} at {time}',
  'common.lessThanMinute': 'less than a minute',

  'signIn.title': 'Sign in',
  'signIn.intro': 'Sign in to reach your property’s software.',
  'signIn.email': 'Email address',
  'signIn.password': 'Password',
  'signIn.showPassword': 'Show password',
  'signIn.submit': 'Sign in',
  'signIn.submitting': 'Signing in…',
  'signIn.forgotLink': 'Forgot password?',
  'signIn.validation.emailMissing': 'Enter your email address.',
  'signIn.validation.emailInvalid':
    'This address looks incomplete: it needs an “@” and a domain (for example name@hotel.com).',
  'signIn.validation.passwordMissing': 'Enter your password.',

  'signIn.tips.title': 'A few things to check:',
  'signIn.tips.typeByHand':
    'Type your email and password yourself rather than letting the browser fill them in: it sometimes offers an outdated entry.',
  'signIn.tips.oldPassword':
    'If you changed your password recently, make sure you aren’t typing the old one.',
  'signIn.tips.capsLock': 'Check that Caps Lock is off.',
  'signIn.tips.forgot': 'Still stuck? <link>Set a new password</link>.',

  'signIn.waysOut.title': 'To get back in:',
  'signIn.waysOut.reset_password':
    'Reset your password with the link we email you; this re-enables your account too. <link>Get the link</link>',
  'signIn.waysOut.ask_user_manager':
    'Ask a colleague who manages users at your property to re-enable your account.',
  'signIn.waysOut.contact_support':
    'Contact our support team: once they have confirmed who you are, they can re-enable your account.',

  'signIn.expired.title': 'Your password has expired',
  'signIn.expired.bodyDays':
    'To keep card payments secure (PCI DSS), every password must be renewed every {days} days. Choose a new one to reach your account.',
  'signIn.expired.bodyGeneric':
    'PCI DSS, the card-payment security standard, requires passwords to be renewed at least every 90 days. Choose a new one to reach your account.',
  'signIn.expired.link': 'Choose a new password',

  'signIn.mfa.title': 'Two-step verification',
  'signIn.mfa.body':
    'Your account requires two-step verification. This step isn’t available on this page yet: contact our support team if you need to sign in right now.',

  'signIn.rateLimited.generic': 'Too many sign-in attempts have failed from this network.',
  'signIn.rateLimited.retryIn': 'You can try again {when} (in {duration}).',
  'signIn.rateLimited.retryLater': 'Please wait a little before trying again.',

  'signIn.cookies.title': 'Cookies are blocked',
  'signIn.cookies.body':
    'Your browser is refusing cookies from this site. Portier needs one to keep you signed in: allow cookies for {host} in your browser settings, then reload the page.',

  'signIn.browser.title': 'Unsupported browser',
  'signIn.browser.unknown':
    'This browser isn’t one we support, so some pages may not work properly. We recommend an up-to-date Chrome, Firefox, Edge or Safari.',
  'signIn.browser.outdated':
    'Your version of {browser} ({version}) is too old, so some pages may not work properly. Update your browser or use an up-to-date Chrome, Firefox, Edge or Safari.',

  'signIn.reason.idle_timeout':
    'You were signed out after {duration} without activity, to protect your account on a shared computer. Just sign in again to carry on.',
  'signIn.reason.idle_timeoutGeneric':
    'You were signed out after a long period without activity, to protect your account on a shared computer. Just sign in again to carry on.',
  'signIn.reason.max_age':
    'You were signed out because, for security, a session lasts at most {duration} after sign-in, even while you are active. Just sign in again to carry on.',
  'signIn.reason.max_ageGeneric':
    'You were signed out because, for security, sessions have a maximum length, even while you are active. Just sign in again to carry on.',
  'signIn.reason.signed_out': 'You have signed out. You can sign in again whenever you like.',

  'home.title': 'Hello, {name}',
  'home.account': 'Signed in as {email}',
  'home.sessionLimits': 'Your session closes after {idle} without activity, and at the latest {when}.',
  'home.signOut': 'Sign out',
  'home.signingOut': 'Signing out…',
  'home.signOutFailed': 'Signing out didn’t work. Please try again.',

  'idle.idle.title': 'Are you still there?',
  'idle.idle.body': 'Without any activity, your session will close in {remaining}.',
  'idle.idle.stay': 'Stay signed in',
  'idle.absolute.title': 'Your session is ending soon',
  'idle.absolute.bodyMax':
    'A session lasts at most {max} after sign-in and can’t be extended. It will close in {remaining}: save your work, then sign in again.',
  'idle.absolute.bodyGeneric':
    'Your session has reached its maximum length and can’t be extended. It will close in {remaining}: save your work, then sign in again.',
  'idle.absolute.dismiss': 'Got it',
  'idle.countdown': 'Time left',

  'forgot.title': 'Forgot password',
  'forgot.body': 'Soon you’ll be able to request a password-reset link by email here.',
  'forgot.back': 'Back to sign-in',

  'notFound.title': 'Page not found',
  'notFound.body': 'There’s no Portier page at this address.',
  'notFound.link': 'Go to the sign-in page',
};
