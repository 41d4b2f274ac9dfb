/**
 * Which browsers the sign-in page supports (SPEC §2: current Chrome, Firefox, Edge, Safari),
 * read from the user-agent string. Headless Chromium counts as Chrome, and Chrome, Firefox and
 * Edge on iOS count as themselves.
 */
export type SupportedBrowser = 'Chrome' | 'Edge' | 'Firefox' | 'Safari';

/** Oldest major version still considered current. */
export const MINIMUM_VERSIONS: Record<SupportedBrowser, number> = {
  Chrome: 120,
  Edge: 120,
  Firefox: 120,
  Safari: 16,
};

export type BrowserCheck =
  | { status: 'supported'; browser: SupportedBrowser; version: number }
  | { status: 'outdated'; browser: SupportedBrowser; version: number }
  | { status: 'unsupported' };

/** Chromium-based browsers outside the list also say "Chrome/" in their user agent: rule them out first. */
const OTHER_BROWSERS = /\b(?:OPR|OPiOS|Opera|SamsungBrowser|YaBrowser|UCBrowser|Vivaldi|MiuiBrowser|Silk)\//;

/** Order matters: Edge's user agent also names Chrome and Safari, Chrome's also names Safari. */
const PATTERNS: ReadonlyArray<readonly [SupportedBrowser, RegExp]> = [
  ['Edge', /\bEdg(?:e|A|iOS)?\/(\d+)/],
  ['Firefox', /\b(?:Firefox|FxiOS)\/(\d+)/],
  ['Chrome', /\b(?:HeadlessChrome|Chrome|CriOS)\/(\d+)/],
  ['Safari', /\bVersion\/(\d+)[\d.]*\b.*\bSafari\//],
];

export function checkBrowser(userAgent: string): BrowserCheck {
  if (OTHER_BROWSERS.test(userAgent)) return { status: 'unsupported' };
  for (const [browser, pattern] of PATTERNS) {
    const match = pattern.exec(userAgent);
    if (!match) continue;
    const version = Number(match[1]);
    if (!Number.isFinite(version)) return { status: 'unsupported' };
    return {
      status: version >= MINIMUM_VERSIONS[browser] ? 'supported' : 'outdated',
      browser,
      version,
    };
  }
  return { status: 'unsupported' };
}
