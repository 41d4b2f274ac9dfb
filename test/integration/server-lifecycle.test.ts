/**
 * The server as an operator runs it (src/main.ts): SIGTERM lets it finish and exit 0, saying so.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** GET on the running server, keeping the connection open afterwards (a browser's keep-alive). */
function get(port: number, url: string) {
  return new Promise<number>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: url, headers: { connection: 'keep-alive' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

it('SIGTERM: the server closes its connections and store and exits 0 at once, saying why', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'portier-lifecycle-'));
  dirs.push(dataDir);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      PORTIER_DATA_DIR: dataDir,
      PORTIER_DEMO_DATA: 'false',
      PORTIER_LOG_LEVEL: 'info',
    },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d;
  });
  child.stderr.on('data', (d: Buffer) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    await expect
      .poll(() => /Portier is running: http:\/\/[^:]+:(\d+)/.exec(out)?.[1], { timeout: 60_000 })
      .toBeTruthy();
    const port = Number(/Portier is running: http:\/\/[^:]+:(\d+)/.exec(out)?.[1]);
    expect(await get(port, '/healthz')).toBe(200);
    const started = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // An idle keep-alive connection does not hold the shutdown up to its forced end.
    expect(Date.now() - started).toBeLessThan(5000);
    const lines = out
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg?: string; signal?: string });
    expect(lines.some((l) => l.msg === 'shutting down' && l.signal === 'SIGTERM')).toBe(true);
    expect(out).not.toContain('shutdown took too long');
  } finally {
    child.kill('SIGKILL');
  }
}, 90_000);
