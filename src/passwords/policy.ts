/**
 * The password rules — one module for every path that sets a password (reset, expiry change, account
 * page, CLI; invitations later), SPEC §2:
 * - 12 to 128 characters (config);
 * - not among the 100 000 most common breached passwords (offline list, loaded once);
 * - a zxcvbn score of at least 3, with the person's e-mail and name and the product's own words as
 *   context (a password built from them is easy to guess for anyone who knows them).
 * The reasons come back as stable codes with zxcvbn's feedback keys; the pages translate them.
 */
import { Worker } from 'node:worker_threads';
import type { Language } from '../i18n/language.js';
import { exceedsPasswordBytes } from './hashing.js';

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'too_guessable';

export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  minScore: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 12, maxLength: 128, minScore: 3 };

export interface PasswordAssessment {
  ok: boolean;
  problems: PasswordProblem[];
  /** 0 (very guessable) to 4 (very unlikely to be guessed): for the strength meter. */
  score: number;
  warning: string | null;
  suggestions: string[];
  /** zxcvbn's feedback in each language (translated in the worker). */
  localized: Record<Language, { warning: string | null; suggestions: string[] }>;
}

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** The number of characters as people see them (grapheme clusters), of the NFC form. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of graphemes.segment(text.normalize('NFC'))) count++;
  return count;
}

/** Length rules alone: cheap and synchronous. */
export function checkPasswordLength(
  password: string,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  // Characters as people see them (grapheme clusters): an accented letter counts once however it is
  // spelt, and a family emoji made of seven code points counts once too.
  const length = characterCount(password);
  if (length < policy.minLength) problems.push('too_short');
  // Also in bytes, as typed and in NFC (the form that is hashed, which can be longer: hashing.ts): a
  // password of multi-byte characters within maxLength may not exceed what sign-in takes.
  if (
    length > policy.maxLength ||
    exceedsPasswordBytes(password) ||
    exceedsPasswordBytes(password.normalize('NFC'))
  ) {
    problems.push('too_long');
  }
  return problems;
}

export interface PasswordChecker {
  assess(password: string, context: { email?: string; name?: string }): Promise<PasswordAssessment>;
  /** Whether the worker thread (and its dictionaries) is in memory now. */
  readonly running: boolean;
  close(): Promise<void>;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** The person's own words (name, e-mail parts) and the product's, accent-folded. */
export function contextWords(args: { email?: string; name?: string; productWords: string[] }): string[] {
  const words = new Set<string>(args.productWords.map(fold));
  if (args.email) {
    const [local = '', domain = ''] = fold(args.email).split('@');
    words.add(fold(args.email));
    for (const part of [local, ...local.split(/[._+-]/), ...domain.split(/[.-]/)]) {
      if (part.length >= 3) words.add(part);
    }
  }
  if (args.name) {
    for (const part of fold(args.name).split(/[\s'’-]+/)) if (part.length >= 2) words.add(part);
  }
  return [...words];
}

/**
 * True when the password's letters are little more than those words ("Moreau-Ines-1990",
 * "BernardLefebvre2024!"): zxcvbn may score such a password well, but anyone who knows the person
 * or the hotel would try it first.
 */
export function builtFromContext(password: string, words: string[]): boolean {
  let letters = fold(password).replace(/[^a-z]/g, '');
  if (!letters) return false;
  const original = letters.length;
  for (const word of [...words].filter((w) => w.length >= 3).sort((a, b) => b.length - a.length)) {
    const bare = word.replace(/[^a-z]/g, '');
    if (bare.length >= 3) letters = letters.split(bare).join('');
  }
  return letters.length < original && letters.length < 4;
}

interface StrengthRequest {
  id: number;
  password: string;
  userInputs: string[];
}

interface StrengthResponse {
  id: number;
  common: boolean;
  score: number;
  warning: string | null;
  suggestions: string[];
  localized: Record<Language, { warning: string | null; suggestions: string[] }>;
}

// workers/ sits two levels above both src/passwords/ and dist/passwords/.
const WORKER_URL = new URL('../../workers/strength.worker.mjs', import.meta.url);

/**
 * The worker holds zxcvbn's dictionaries: about 140 MB resident, and about a second to start. It is
 * started by the first check and stopped after this long without one, so a server where nobody sets
 * a password gives that memory back (a password is set now and then; a person typing one checks it
 * many times within a minute or two).
 */
export const STRENGTH_WORKER_IDLE_MS = 5 * 60_000;

export function createPasswordChecker(options: {
  policy?: PasswordPolicy;
  productWords: string[];
  /** Stop the worker after this long without a check (default STRENGTH_WORKER_IDLE_MS). */
  idleMs?: number;
}): PasswordChecker {
  const policy = options.policy ?? DEFAULT_PASSWORD_POLICY;
  const idleMs = options.idleMs ?? STRENGTH_WORKER_IDLE_MS;
  let worker: Worker | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: StrengthResponse) => void; reject: (e: Error) => void }>();

  /** Forgets the current worker and stops it; the next check starts a new one. */
  function dropWorker() {
    const current = worker;
    worker = undefined;
    return current?.terminate();
  }

  /** Fails every pending check and drops the current worker. */
  function failPending(error: Error) {
    void dropWorker();
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  }

  /** Once nothing is pending, the worker is stopped after `idleMs` unless another check comes. */
  function stopWhenIdle() {
    clearTimeout(idleTimer);
    if (pending.size > 0 || !worker) return;
    idleTimer = setTimeout(() => {
      if (pending.size === 0) void dropWorker();
    }, idleMs);
    idleTimer.unref();
  }

  function ensureWorker(): Worker {
    clearTimeout(idleTimer);
    if (worker) return worker;
    const w = new Worker(WORKER_URL);
    w.on('message', (r: StrengthResponse) => {
      pending.get(r.id)?.resolve(r);
      pending.delete(r.id);
      stopWhenIdle();
    });
    // A worker that dies fails what it was asked, and the next check starts a new one. (Every pending
    // check was sent to the current worker: a new one starts only when nothing is pending.)
    w.on('error', (error) => {
      if (worker === w) failPending(error);
    });
    w.unref();
    worker = w;
    return w;
  }

  async function estimate(password: string, userInputs: string[]): Promise<StrengthResponse> {
    const w = ensureWorker();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      // A worker that does not answer is stopped, so the next check gets a new one. This timer also
      // keeps the process alive while it waits (the worker itself is unref'd): a CLI has nothing else.
      const timer = setTimeout(() => failPending(new Error('password strength check timed out')), 15_000);
      pending.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      w.postMessage({ id, password, userInputs } satisfies StrengthRequest);
    });
  }

  return {
    async assess(password, context) {
      const problems = checkPasswordLength(password, policy);
      if (problems.includes('too_long')) {
        const none = { warning: null, suggestions: [] };
        return {
          ok: false,
          problems,
          score: 0,
          warning: null,
          suggestions: [],
          localized: { fr: none, en: none },
        };
      }
      const words = contextWords({ ...context, productWords: options.productWords });
      const r = await estimate(password, words);
      if (r.common) problems.push('common');
      else if (r.score < policy.minScore || builtFromContext(password, words)) problems.push('too_guessable');
      return {
        ok: problems.length === 0,
        problems,
        score: r.score,
        warning: r.warning,
        suggestions: r.suggestions,
        localized: r.localized,
      };
    },
    get running() {
      return worker !== undefined;
    },
    async close() {
      clearTimeout(idleTimer);
      const stopped = dropWorker();
      failPending(new Error('password checker closed'));
      await stopped;
    },
  };
}

/** zxcvbn's feedback in the reader's language. */
export function translateFeedback(assessment: Pick<PasswordAssessment, 'localized'>, lang: Language) {
  return assessment.localized[lang];
}
