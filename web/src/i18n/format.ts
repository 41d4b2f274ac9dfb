/**
 * Locale-aware formatting of durations and clock times, built on Intl so that
 * plurals and units read naturally in both languages ("6 heures", "1 minute").
 */
import type { Lang } from './lang.js';

type DurationUnit = 'day' | 'hour' | 'minute' | 'second';

function formatUnit(lang: Lang, value: number, unit: DurationUnit): string {
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/**
 * A configured duration (idle timeout, maximum session length), in the largest unit that
 * expresses it exactly: 21600 → "6 hours", 5400 → "90 minutes", 45 → "45 seconds".
 */
export function formatExactDuration(lang: Lang, seconds: number): string {
  if (seconds >= 3600 && seconds % 3600 === 0) return formatUnit(lang, seconds / 3600, 'hour');
  if (seconds >= 60 && seconds % 60 === 0) return formatUnit(lang, seconds / 60, 'minute');
  return formatUnit(lang, seconds, 'second');
}

/** A wait ("try again in …"): whole minutes rounded up, or seconds under a minute. */
export function formatWait(lang: Lang, seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole < 60) return formatUnit(lang, whole, 'second');
  return formatUnit(lang, Math.ceil(whole / 60), 'minute');
}

/** A clock time today, e.g. "14:32" or "09:05" in French and "2:32 PM" in English. */
export function formatClockTime(lang: Lang, date: Date): string {
  // French writes the hour with two digits ("00:11", not "0:11").
  return new Intl.DateTimeFormat(lang, {
    hour: lang === 'fr' ? '2-digit' : 'numeric',
    minute: '2-digit',
  }).format(date);
}

/** A countdown for sighted users: "4:05". Screen readers get a coarser, spoken form instead. */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return `${minutes}:${rest.toString().padStart(2, '0')}`;
}

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/**
 * When something happens, for a sentence: "at 14:32", "tomorrow at 05:09", or with the date
 * when further away (a 15-hour session started in the afternoon ends the next morning).
 */
export function formatWhen(
  lang: Lang,
  date: Date,
  now: Date = new Date(),
): { key: WhenKey; params: { time: string; date: string } } {
  const time = formatClockTime(lang, date);
  const days = Math.round((startOfDay(date) - startOfDay(now)) / 86_400_000);
  const day = new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long' }).format(date);
  const key: WhenKey = days === 0 ? 'when.today' : days === 1 ? 'when.tomorrow' : 'when.onDate';
  return { key, params: { time, date: day } };
}

export type WhenKey = 'when.today' | 'when.tomorrow' | 'when.onDate';

/** A number of whole days, e.g. "12 jours" / "1 day". */
export function formatDays(lang: Lang, days: number): string {
  return formatUnit(lang, days, 'day');
}

/** A calendar date for a sentence: "23 février 2027" / "23 February 2027". */
export function formatDate(lang: Lang, date: Date): string {
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
}

/** A date and time in a list: "25 nov. 2026, 14:32" / "25 Nov 2026, 14:32". */
export function formatDateTime(lang: Lang, date: Date): string {
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

/**
 * How long ago, for recent moments: "il y a 5 minutes", "il y a 2 heures", "maintenant".
 * `null` beyond a day, where a date reads better.
 */
export function formatAgo(lang: Lang, date: Date, now: number = Date.now()): string | null {
  const seconds = Math.max(0, Math.round((now - date.getTime()) / 1000));
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  if (seconds < 60) return rtf.format(0, 'second');
  if (seconds < 3600) return rtf.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < 86_400) return rtf.format(-Math.floor(seconds / 3600), 'hour');
  return null;
}
