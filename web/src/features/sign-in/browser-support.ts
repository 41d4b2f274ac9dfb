/**
 * Which browsers the sign-in page supports (SPEC §2: current Chrome, Firefox, Edge, Safari),
 * read from the user-agent string. Headless Chromium counts as Chrome, and Chrome, Firefox and
 * Edge on iOS count as themselves.
 */
export type SupportedBrowser = 'Chrome' | 'Edge' | 'Firefox' | 'Safari';

const DAY_MS = 86_400_000;
/** A known release of each four-weekly browser: the versions since follow from the date. */
const FOUR_WEEKLY: Record<'Chrome' | 'Edge' | 'Firefox', { version: number; released: number }> = {
  Chrome: { version: 120, released: Date.UTC(2023, 11, 5) },
  Edge: { version: 120, released: Date.UTC(2023, 11, 7) },
  Firefox: { version: 120, released: Date.UTC(2023, 10, 21) },
};
/** Releases a year holds on a four-week cadence: anything within the last year counts as current. */
const RELEASES_A_YEAR = 13;

/** Safari's major of a September release: 17 in 2023, 18 in 2024, then named after the next year (26 in 2025). */
function safariOf(year: number): number {
  return year >= 2025 ? year - 1999 : year - 2006;
}

/**
 * Oldest major version still considered current on `now`, computed from the release cadences
 * rather than written down (a fixed list goes stale while the page is in service): the releases of
 * the last year for Chrome, Edge and Firefox (a year's slack also absorbs a skipped release), and
 * the previous yearly major for Safari, whose users update with the system.
 */
export function minimumVersions(now: Date = new Date()): Record<SupportedBrowser, number> {
  const sinceKnown = (browser: keyof typeof FOUR_WEEKLY) => {
    const { version, released } = FOUR_WEEKLY[browser];
    const releases = Math.floor(Math.max(0, now.getTime() - released) / (28 * DAY_MS));
    return Math.max(version, version + releases - RELEASES_A_YEAR);
  };
  // The latest September release so far.
  const year = now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return {
    Chrome: sinceKnown('Chrome'),
    Edge: sinceKnown('Edge'),
    Firefox: sinceKnown('Firefox'),
    Safari: Math.max(16, safariOf(year - 1)),
  };
}

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

export function checkBrowser(userAgent: string, now: Date = new Date()): BrowserCheck {
  if (OTHER_BROWSERS.test(userAgent)) return { status: 'unsupported' };
  const minimum = minimumVersions(now);
  for (const [browser, pattern] of PATTERNS) {
    const match = pattern.exec(userAgent);
    if (!match) continue;
    const version = Number(match[1]);
    if (!Number.isFinite(version)) return { status: 'unsupported' };
    return {
      status: version >= minimum[browser] ? 'supported' : 'outdated',
      browser,
      version,
    };
  }
  return { status: 'unsupported' };
}
