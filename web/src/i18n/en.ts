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
  'signIn.reason.change_missing':
    'To replace an expired password, first sign in with it: we’ll then ask you to choose a new one.',
  'signIn.reason.change_expired':
    'The 15 minutes to choose a new password have run out. Sign in again with your current password, then choose the new one straight away.',

  'home.title': 'Hello, {name}',
  'home.account': 'Signed in as {email}',
  'home.sessionLimits': 'Your session closes after {idle} without activity, and at the latest {when}.',
  'home.signOut': 'Sign out',
  'home.signingOut': 'Signing out…',
  'home.signOutFailed': 'Signing out didn’t work. Please try again.',
  'home.navLabel': 'Your account',
  'home.securityLink': 'Account security',
  'home.securityHint': 'Password and signed-in devices',

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
  'forgot.intro':
    'Enter the email address of your account and we’ll send you a link to choose a new password. If your account was disabled after too many attempts, this re-enables it too.',
  'forgot.submit': 'Send me the link',
  'forgot.submitting': 'Sending…',
  'forgot.back': 'Back to sign-in',
  'forgot.rateLimited': 'Too many links have been requested for this address or from your network.',
  'forgot.sent.title': 'Check your email',
  'forgot.sent.body':
    'If a Portier account exists for {email}, we’ve just sent it a link to choose a new password.',
  'forgot.sent.once': 'The link works once, for 1 hour.',
  'forgot.sent.newest': 'If you ask for another link, only the newest one will work.',
  'forgot.sent.spam': 'Nothing after a few minutes? Have a look in your spam or junk folder.',
  'forgot.sent.sender':
    'The email comes from Portier and its link leads to {host}. Be wary of any message that sends you elsewhere.',
  'forgot.sent.reenables':
    'Choosing a new password also re-enables an account disabled after too many attempts.',
  'forgot.sent.again':
    'Done: if an account exists for {email}, a new link is on its way. Earlier links no longer work.',
  'forgot.sent.resend': 'Send the link again',
  'forgot.sent.otherAddress': 'Try another address',

  'password.current': 'Current password',
  'password.new': 'New password',
  'password.confirm': 'Confirm new password',
  'password.showCurrent': 'Show current password',
  'password.showNew': 'Show new password',
  'password.rules.title': 'Your new password must:',
  'password.rules.length': 'be at least {min} characters long (and no more than {max});',
  'password.rules.common': 'not be a common or previously leaked password;',
  'password.rules.personal': 'not be easy to guess from your name or email address;',
  'password.rules.history': 'differ from your last {count} passwords.',
  'password.rules.tip':
    'Tip: a few unrelated words strung together make a password that is both strong and easy to remember.',
  'password.strength.label': 'Strength',
  'password.strength.none': 'not rated yet',
  'password.strength.score0': 'very weak',
  'password.strength.score1': 'weak',
  'password.strength.score2': 'fair',
  'password.strength.score3': 'good',
  'password.strength.score4': 'excellent',
  'password.strength.empty': 'Start typing and we’ll tell you as you go whether the password will do.',
  'password.strength.checking': 'Checking…',
  'password.strength.unavailable':
    'The live check isn’t available right now. Your password will still be checked when you submit it.',
  'password.strength.accepted': 'This password will do.',
  'password.strength.refused': 'This password won’t be accepted:',
  'password.strength.suggestions': 'To make it stronger:',
  'password.validation.currentMissing': 'Enter your current password.',
  'password.validation.newMissing': 'Choose a new password.',
  'password.validation.confirmMissing': 'Type the new password a second time.',
  'password.validation.mismatch':
    'The two entries don’t match. Type the new password again, exactly the same.',
  'password.refusedGeneric': 'This password isn’t accepted. Choose another one that follows the rules shown.',
  'password.currentWrong': 'The current password is wrong.',

  'reset.title': 'Choose a new password',
  'reset.intro': 'Almost there: choose the password you’ll use to sign in from now on.',
  'reset.submit': 'Save password',
  'reset.submitting': 'Saving…',
  'reset.newLink': 'Get a new link',
  'reset.missing.title': 'Incomplete link',
  'reset.missing.body':
    'This address doesn’t contain a usable reset link. Open the link from the email again (if it’s split over two lines, copy all of it) or ask for a new one.',
  'reset.invalid.title': 'This link no longer works',
  'reset.invalid.body': 'This reset link is no longer valid, so your password hasn’t been changed.',
  'reset.invalid.used': 'It may have been used already: each link works only once.',
  'reset.invalid.expired': 'It may have expired: a link is valid for 1 hour.',
  'reset.invalid.superseded': 'A newer link may have been requested since: only the latest one works.',
  'reset.done.title': 'Password changed',
  'reset.done.body': 'Your new password is saved. Sign in with it now.',
  'reset.done.sessions':
    'For your safety, every session on your account has been signed out, on all your devices.',
  'reset.done.reenabled': 'If your account had been disabled after too many attempts, it’s active again.',
  'reset.done.twoFactor':
    'If two-step verification is on for your account, you’ll still be asked for it as usual.',
  'reset.done.signIn': 'Sign in',

  'expired.title': 'Your password has expired',
  'expired.whyDays':
    'Your password is more than {days} days old. PCI DSS, the card-payment security standard, asks for passwords to be renewed that often.',
  'expired.whyGeneric':
    'PCI DSS, the card-payment security standard, asks for passwords to be renewed regularly, at least every 90 days.',
  'expired.reassure':
    'Nothing is wrong with your account: just choose a new password and you’ll be signed in right away.',
  'expired.window': 'You have 15 minutes to do this. After that, you’ll need to sign in again.',
  'expired.submit': 'Save and sign in',
  'expired.submitting': 'Saving…',

  'security.title': 'Account security',
  'security.back': 'Back to home',
  'security.intro': 'The password and signed-in devices of the account {email}.',
  'security.password.title': 'Password',
  'security.password.changedAt': 'Last changed',
  'security.password.expiresAt': 'Expires',
  'security.password.unknown': 'Unknown',
  'security.password.expiresIn': 'on {date}, in {days}',
  'security.password.expiredOn': 'expired on {date}',
  'security.password.soonTitle': 'Your password expires soon',
  'security.password.soonBody':
    'It expires in {days}. Change it now with the form below so that your next sign-in isn’t interrupted.',
  'security.password.expiredTitle': 'Your password has expired',
  'security.password.expiredBody':
    'Choose a new one with the form below; otherwise you’ll be asked to at your next sign-in.',
  'security.password.rule':
    'To protect card payments (PCI DSS), every password must be changed at least every {days} days. We’ll remind you by email before it’s due.',
  'security.change.title': 'Change password',
  'security.change.submit': 'Change password',
  'security.change.submitting': 'Saving…',
  'security.change.done': 'Your password has been changed.',
  'security.change.doneSessions':
    'For your safety, your sessions on other devices have been signed out; this one stays signed in.',
  'security.sessions.title': 'Signed-in devices',
  'security.sessions.intro':
    'This is where your account is signed in right now. If you don’t recognise a device, sign it out, then change your password.',
  'security.sessions.thisDevice': 'This device',
  'security.sessions.ip': 'IP address',
  'security.sessions.unknownIp': 'unknown',
  'security.sessions.signedInAt': 'Signed in',
  'security.sessions.lastActivity': 'Last activity',
  'security.sessions.signOut': 'Sign out',
  'security.sessions.signingOut': 'Signing out…',
  'security.sessions.signOutOthers': 'Sign out everywhere else',
  'security.sessions.onlyThis': 'Your account isn’t signed in on any other device.',
  'security.sessions.ended': 'The “{device}” session has been signed out.',
  'security.sessions.alreadyEnded': 'That session had already ended.',
  'security.sessions.endedNone': 'No other session was open.',
  'security.sessions.endedOne': 'The other session has been signed out: only this device is still signed in.',
  'security.sessions.endedMany':
    '{count} sessions have been signed out: only this device is still signed in.',

  'device.onSystem': '{browser} on {platform}',
  'device.onDevice': '{browser} on {platform}',
  'device.unknownBrowserOn': 'Unknown browser on {platform}',
  'device.unknown': 'Unrecognised device',

  'mailbox.title': 'Development mailbox',
  'mailbox.intro':
    'The emails Portier has prepared, newest first. On the development setup they aren’t really sent: they stay here so you can follow their links.',
  'mailbox.filter': 'Recipient (optional)',
  'mailbox.refresh': 'Refresh',
  'mailbox.empty': 'No emails yet.',
  'mailbox.count': 'Emails shown: {count}',
  'mailbox.to': 'To',
  'mailbox.time': 'Created',
  'mailbox.statusLabel': 'Status',
  'mailbox.language': 'Language',
  'mailbox.status.pending': 'pending',
  'mailbox.status.sent': 'delivered',
  'mailbox.status.failed': 'failed',
  'mailbox.unavailable.title': 'Mailbox not available',
  'mailbox.unavailable.body':
    'This page only exists on the embedded development setup (local SQLite database, no SMTP server). Here, emails are really sent: check the recipient’s inbox.',

  'notFound.title': 'Page not found',
  'notFound.body': 'There’s no Portier page at this address.',
  'notFound.link': 'Go to the sign-in page',
};
