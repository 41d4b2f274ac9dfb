#!/usr/bin/env node
// `npm start`'s entry. CommonJS on purpose: libuv's thread pool is created at the first asynchronous
// file read, and an ES-module entry has already made one by the time its own code runs.
//
// The pool gets one thread per core (at least 2) unless the operator set UV_THREADPOOL_SIZE: see
// scripts/thread-pool.cjs for why. Then scripts/start.js builds what is missing and starts the server.
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { threadPoolSize } = require('./thread-pool.cjs');

process.env.UV_THREADPOOL_SIZE = threadPoolSize();
import(pathToFileURL(path.join(__dirname, 'start.js')).href).catch((error) => {
  console.error(error);
  process.exit(1);
});
