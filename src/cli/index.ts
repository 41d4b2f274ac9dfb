import { CliError, runCli } from './main.js';

runCli(process.argv.slice(2), { stdin: process.stdin, out: (s) => console.log(s) })
  .then((code) => process.exit(code))
  .catch((error) => {
    if (error instanceof CliError) {
      console.error(`portier: ${error.message}`);
      process.exit(error.exitCode);
    }
    // Anything else is a bug: its stack trace helps, after a plain line saying what failed.
    console.error(`portier: ${(error as Error)?.message ?? String(error)}`);
    console.error(error);
    process.exit(1);
  });
