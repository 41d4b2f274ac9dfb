import { Readable } from 'node:stream';
import { CliError, runCli } from '../../src/cli/main.js';
import { TEST_DATABASE_URL, type TestApp } from './app.js';

/** The environment that points the operator CLI at a test app's store. */
export function cliEnvFor(t: TestApp): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PORTIER_DATA_DIR: t.dataDir };
  if (t.pgSchema)
    env.DATABASE_URL = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${t.pgSchema}`)}`;
  return env;
}

/** Runs the operator CLI in-process on a test app's store: its exit code and what it printed. */
/** `stdin`: a string, or the chunks stdin delivers one after the other (bytes, as a pipe gives them). */
export async function cli(
  t: TestApp,
  args: string[],
  stdin: string | Buffer[] = '',
  env: NodeJS.ProcessEnv = {},
) {
  const out: string[] = [];
  try {
    const code = await runCli(args, {
      stdin: Readable.from(typeof stdin === 'string' ? [stdin] : stdin),
      out: (s) => out.push(s),
      env: { ...cliEnvFor(t), ...env },
    });
    return { code, out: out.join('\n') };
  } catch (error) {
    if (error instanceof CliError) return { code: error.exitCode, out: error.message };
    throw error;
  }
}
