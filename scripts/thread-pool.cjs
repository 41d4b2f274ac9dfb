// libuv's thread pool size for the served app and for the benchmark (one rule, three users:
// scripts/start.cjs, bench/start.cjs and bench/run.ts). argon2 hashes on that pool, at most one hash
// per core at a time; with more threads than that, successive hashes hop between threads and each
// costs more CPU. So one thread per core, at least 2, unless the operator set UV_THREADPOOL_SIZE.
// With such a pool the hasher keeps one more hash per thread waiting in the pool's queue
// (src/passwords/hashing.ts, hashesInFlight).
const { availableParallelism } = require('node:os');

/** The pool size to use: the operator's UV_THREADPOOL_SIZE, else one thread per core (at least 2). */
function threadPoolSize(env = process.env) {
  return env.UV_THREADPOOL_SIZE || String(Math.max(2, availableParallelism()));
}

module.exports = { threadPoolSize };
