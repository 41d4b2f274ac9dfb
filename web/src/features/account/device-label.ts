/**
 * A friendly name for a session's device from its user-agent string: "Firefox on Windows",
 * "Safari on iPhone". Only the broad strokes; versions are left out on purpose (they change
 * with every update and mean little to people).
 */
export type Platform = 'Windows' | 'macOS' | 'iPhone' | 'iPad' | 'Android' | 'ChromeOS' | 'Linux';

export interface DeviceInfo {
  browser: string | null;
  platform: Platform | null;
}

/** Order matters: Edge, Opera and Samsung Internet also say "Chrome", Chrome also says "Safari". */
const BROWSERS: ReadonlyArray<readonly [string, RegExp]> = [
  ['Edge', /\bEdg(?:e|A|iOS)?\//],
  ['Opera', /\b(?:OPR|OPiOS|Opera)\//],
  ['Samsung Internet', /\bSamsungBrowser\//],
  ['Vivaldi', /\bVivaldi\//],
  ['Firefox', /\b(?:Firefox|FxiOS)\//],
  ['Chrome', /\b(?:HeadlessChrome|Chrome|CriOS|Chromium)\//],
  ['Safari', /\bVersion\/[\d.]+.*\bSafari\//],
];

/** Order matters: iPad and iPhone say "like Mac OS X", Android says "Linux". */
const PLATFORMS: ReadonlyArray<readonly [Platform, RegExp]> = [
  ['iPad', /\biPad\b/],
  ['iPhone', /\biPhone\b|\biPod\b/],
  ['Android', /\bAndroid\b/],
  ['Windows', /\bWindows\b/],
  ['ChromeOS', /\bCrOS\b/],
  ['macOS', /\bMac OS X\b|\bMacintosh\b/],
  ['Linux', /\bLinux\b|\bX11\b/],
];

export function parseUserAgent(userAgent: string | null): DeviceInfo {
  if (!userAgent) return { browser: null, platform: null };
  const browser = BROWSERS.find(([, pattern]) => pattern.test(userAgent))?.[0] ?? null;
  const platform = PLATFORMS.find(([, pattern]) => pattern.test(userAgent))?.[0] ?? null;
  return { browser, platform };
}

/** Devices people hold ("on iPhone"), as opposed to systems ("on Windows"); French says "sur" / "sous". */
export function isHandheld(platform: Platform): boolean {
  return platform === 'iPhone' || platform === 'iPad';
}
