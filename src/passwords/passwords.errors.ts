import { AppError } from '../errors.js';
import type { Language } from '../i18n/language.js';
import { type PasswordAssessment, type PasswordProblem, translateFeedback } from './policy.js';

export const PASSWORD_ERROR_CODES = {
  invalidToken: 'invalid_token',
  weakPassword: 'weak_password',
  passwordReused: 'password_reused',
  invalidCurrentPassword: 'invalid_current_password',
} as const;

const PROBLEM_TEXT: Record<PasswordProblem, Record<Language, string>> = {
  too_short: { fr: 'il faut au moins {min} caractères', en: 'it needs at least {min} characters' },
  too_long: {
    fr: 'il ne doit pas dépasser {max} caractères',
    en: 'it must not be longer than {max} characters',
  },
  common: {
    fr: 'il figure parmi les mots de passe les plus courants ou déjà divulgués',
    en: 'it is one of the most common or already leaked passwords',
  },
  too_guessable: {
    fr: 'il est trop facile à deviner (mots courants, votre nom ou votre e-mail, suites de touches)',
    en: 'it is too easy to guess (common words, your name or e-mail, keyboard sequences)',
  },
};

export function describeProblems(
  problems: PasswordProblem[],
  lang: Language,
  limits = { min: 12, max: 128 },
) {
  return problems.map((p) =>
    PROBLEM_TEXT[p][lang].replace('{min}', String(limits.min)).replace('{max}', String(limits.max)),
  );
}

export const passwordErrors = {
  invalidToken: () => new AppError('invalid_token', 400),
  weakPassword: (assessment: PasswordAssessment, limits: { min: number; max: number }) =>
    new AppError('weak_password', 400, {
      params: (lang) => ({ reasons: `${describeProblems(assessment.problems, lang, limits).join(' ; ')}.` }),
      details: (lang) => ({
        problems: assessment.problems,
        reasons: describeProblems(assessment.problems, lang, limits),
        score: assessment.score,
        ...translateFeedback(assessment, lang),
      }),
    }),
  passwordReused: (count: number) =>
    new AppError('password_reused', 400, { params: { count }, details: { count } }),
  invalidCurrentPassword: () => new AppError('invalid_current_password', 400),
};
