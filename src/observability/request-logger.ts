/**
 * Per-request loggers made on first use. Fastify gives every request a child logger bound to its
 * request id; pino builds that child eagerly (bindings serialised, redaction applied), which costs
 * more than the whole session check when nothing is ever logged at the configured level. This
 * factory hands out a small stand-in that builds the real child only when a message passes the
 * level, so every line logged still carries `reqId` and goes through the same serialisers and
 * redaction.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, Logger } from 'pino';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

class LazyRequestLogger {
  #real: Logger | undefined;
  readonly #parent: Logger;
  readonly #bindings: Bindings;

  constructor(parent: Logger, bindings: Bindings) {
    this.#parent = parent;
    this.#bindings = bindings;
  }

  #child(): Logger {
    this.#real ??= this.#parent.child(this.#bindings);
    return this.#real;
  }

  #log(level: Level, args: unknown[]) {
    if (!(this.#real ?? this.#parent).isLevelEnabled(level)) return;
    (this.#child()[level] as (...a: unknown[]) => void)(...args);
  }

  fatal(...args: unknown[]) {
    this.#log('fatal', args);
  }
  error(...args: unknown[]) {
    this.#log('error', args);
  }
  warn(...args: unknown[]) {
    this.#log('warn', args);
  }
  info(...args: unknown[]) {
    this.#log('info', args);
  }
  debug(...args: unknown[]) {
    this.#log('debug', args);
  }
  trace(...args: unknown[]) {
    this.#log('trace', args);
  }
  silent() {}
  isLevelEnabled(level: string) {
    return (this.#real ?? this.#parent).isLevelEnabled(level);
  }
  child(bindings: Bindings, options?: ChildLoggerOptions) {
    return this.#child().child(bindings, options);
  }
  get level() {
    return (this.#real ?? this.#parent).level;
  }
  set level(level: string) {
    this.#child().level = level;
  }
}

/** Fastify's `childLoggerFactory`. */
export function lazyChildLogger(
  parent: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  // A route with its own level or serialisers gets a real child at once (none of ours has one).
  if (options && Object.keys(options).length > 0) return parent.child(bindings, options);
  return new LazyRequestLogger(parent as unknown as Logger, bindings) as unknown as FastifyBaseLogger;
}
