#!/usr/bin/env node
// `npm start`'s entry. CommonJS on purpose: libuv's thread pool is created at the first asynchronous
// file read, and an ES-module entry has already made one by the time its own code runs.
//
// argon2 runs on that pool, at most one hash per core at a time (the hasher's gate). With more pool
// threads than that, successive hashes hop between threads and each costs more CPU: on 2 cores, 4
// threads (libuv's default) gave 143–151 sign-ins/s where 2 threads gave 162–165 (12.2–12.8 ms of CPU
// per sign-in against 11.4). So one thread per core (at least 2; scripts/thread-pool.cjs), unless the
// operator set UV_THREADPOOL_SIZE. Then scripts/start.js builds what is missing and starts the server.
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { threadPoolSize } = require('./thread-pool.cjs');

process.env.UV_THREADPOOL_SIZE = threadPoolSize();
import(pathToFileURL(path.join(__dirname, 'start.js')).href).catch((error) => {
  console.error(error);
  process.exit(1);
});
