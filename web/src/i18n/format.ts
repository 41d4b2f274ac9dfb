/**
 * Locale-aware formatting of durations and clock times, built on Intl so that
 * plurals and units read naturally in both languages ("6 heures", "1 minute").
 */
import type { Lang } from './lang.js';

type DurationUnit = 'hour' | 'minute' | 'second';

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

/** A clock time today, e.g. "14:32" in French and "2:32 PM" in English. */
export function formatClockTime(lang: Lang, date: Date): string {
  return new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' }).format(date);
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
