import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createGate, createPasswordHasher, hashesInFlight, threadPoolSize } from './hashing.js';

describe('thread pool size', () => {
  it('reads UV_THREADPOOL_SIZE as libuv does', () => {
    expect(threadPoolSize({})).toBe(4);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: '2' })).toBe(2);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: ' 8 ' })).toBe(8);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: '3threads' })).toBe(3);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: '0' })).toBe(1);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: 'many' })).toBe(1);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: '' })).toBe(1);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: '5000' })).toBe(1024);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: '-3' })).toBe(1024);
  });

  // The threads a real Node process runs once its pool exists, against the same process with
  // libuv's default pool of 4 (Linux: /proc/self/task lists a process's threads).
  it.skipIf(!existsSync('/proc/self/task'))('agrees with the pool a real Node process starts', () => {
    const threads = (value: string | undefined) => {
      const env = { ...process.env };
      delete env.UV_THREADPOOL_SIZE;
      if (value !== undefined) env.UV_THREADPOOL_SIZE = value;
      const script =
        "require('node:fs').readFile(__filename, () => setTimeout(() => " +
        "console.log(require('node:fs').readdirSync('/proc/self/task').length), 50));";
      return Number(execFileSync(process.execPath, ['-e', script], { env }).toString().trim());
    };
    const others = threads(undefined) - 4;
    for (const value of ['2', '3threads', '0', 'many', '-3', '5000']) {
      expect({ value, pool: threads(value) - others }).toEqual({
        value,
        pool: threadPoolSize({ UV_THREADPOOL_SIZE: value }),
      });
    }
  });
});

describe('hashes handed to the thread pool at once', () => {
  it('queues one more per thread when the pool has no more threads than cores', () => {
    expect(hashesInFlight(2, 2)).toBe(4);
    expect(hashesInFlight(8, 4)).toBe(8);
    expect(hashesInFlight(1, 1)).toBe(2);
  });

  it('keeps one hash per core when the pool has more threads than cores', () => {
    expect(hashesInFlight(2, 4)).toBe(2);
    expect(hashesInFlight(1, 2)).toBe(1);
  });
});

describe('gate', () => {
  it('never runs more than its permits, and serves waiters in order', async () => {
    const run = createGate(3);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const releases: Array<() => void> = [];
    const jobs = Array.from({ length: 8 }, (_, i) =>
      run(async () => {
        started.push(i);
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
        return i;
      }),
    );
    // Finish one job at a time, and start a newcomer each time one finishes: it must queue behind
    // the waiters, and no turn may ever make four run at once.
    const late: Array<Promise<number>> = [];
    for (let k = 0; k < 8; k++) {
      while (releases.length === 0) await new Promise((r) => setImmediate(r));
      releases.shift()?.();
      if (k < 3) late.push(run(async () => 100 + k));
      await new Promise((r) => setImmediate(r));
    }
    expect(await Promise.all(jobs)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(await Promise.all(late)).toEqual([100, 101, 102]);
    expect(most).toBe(3);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('hands a finished permit to the first waiter, not to a newcomer arriving meanwhile', async () => {
    const run = createGate(1);
    let running = 0;
    let most = 0;
    const job = async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setImmediate(r));
      running--;
    };
    let release = () => {};
    const first = run(() => new Promise<void>((resolve) => (release = resolve)));
    const waiter = run(job);
    release();
    // Queued after the first job's own continuation, before the waiter gets its turn.
    let newcomer: Promise<void> = Promise.resolve();
    queueMicrotask(() => {
      newcomer = run(job);
    });
    await first;
    await waiter;
    await newcomer;
    expect(most).toBe(1);
  });

  it('lets the next one run when a job fails', async () => {
    const run = createGate(1);
    const failing = run(async () => {
      throw new Error('boom');
    });
    const next = run(async () => 'ran');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });
});

describe('password hasher', () => {
  it('tells right from wrong passwords when more verifications are asked at once than it runs', async () => {
    const hasher = await createPasswordHasher(2);
    const hashed = await hasher.hash('Correct horse battery 42');
    const answers = await Promise.all(
      ['Correct horse battery 42', 'wrong', 'Correct horse battery 42', 'correct horse battery 42', ''].map(
        (p) => hasher.verify(hashed, p),
      ),
    );
    expect(answers).toEqual([true, false, true, false, false]);
    expect(await hasher.verify('not a hash', 'x')).toBe(false);
  });
});

describe('passwords in any Unicode spelling', () => {
  const nfc = 'Fenêtre-Éléphant-Crépuscule-42';
  const nfd = nfc.normalize('NFD');

  it('a password set in one spelling signs in with the other', async () => {
    expect(nfd).not.toBe(nfc);
    const hasher = await createPasswordHasher(2);
    expect(await hasher.verify(await hasher.hash(nfd), nfc)).toBe(true);
    expect(await hasher.verify(await hasher.hash(nfc), nfd)).toBe(true);
    expect(await hasher.verify(await hasher.hash(nfc), 'Fenetre-Elephant-Crepuscule-42')).toBe(false);
  });

  it('a hash made before, of the spelling as typed, still opens with that spelling', async () => {
    const { hash } = await import('@node-rs/argon2');
    const hasher = await createPasswordHasher(2);
    const legacy = await hash(nfd, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    expect(await hasher.verify(legacy, nfd)).toBe(true);
  });
});
