/** Structured context attached to a log line (a pino "merging object"). */
export type LogContext = Readonly<Record<string, unknown>>;

/**
 * Where the bus writes what it cannot throw: handler failures, dead letters, hook errors.
 * A pino logger satisfies it as is (`logger.error({ err, eventId }, 'handler failed')`).
 */
export interface Logger {
  error(context: LogContext, message?: string): void;
  warn(context: LogContext, message?: string): void;
  info(context: LogContext, message?: string): void;
  debug(context: LogContext, message?: string): void;
}

function toConsole(write: (...args: unknown[]) => void, level: string) {
  return (context: LogContext, message?: string): void =>
    write(`[eventbus] ${level}: ${message ?? ''}`, context);
}

/** The default logger: errors and warnings to `console.error`/`console.warn`; info and debug are dropped. */
export const consoleLogger: Logger = Object.freeze({
  error: toConsole((...args) => console.error(...args), 'error'),
  warn: toConsole((...args) => console.warn(...args), 'warn'),
  info: () => undefined,
  debug: () => undefined,
});

/** A logger that writes nothing; failures still reach `onError` and the dead letters. */
export const silentLogger: Logger = Object.freeze({
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
});
