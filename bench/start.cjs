#!/usr/bin/env node
// `npm run bench`'s entry: runs bench/run.ts through tsx with libuv's thread pool sized like the served
// app's (scripts/start.cjs: one thread per core, at least 2). The argon2 ceiling is measured in that
// process, and the pool must be sized before its first asynchronous file read creates it, which an
// ES-module entry has always made already: hence this small launcher, and a process of its own.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { threadPoolSize } = require('../scripts/thread-pool.cjs');

const env = { ...process.env, UV_THREADPOOL_SIZE: threadPoolSize() };
const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'run.ts')], {
  stdio: 'inherit',
  env,
});
if (result.error) {
  console.error(result.error);
  process.exit(1);
}
process.exit(result.status ?? 1);
