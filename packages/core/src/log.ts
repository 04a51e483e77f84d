import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Structured JSON logs, one object per line, at the level in `LOG_LEVEL`.
 * Fields are facts (ids, codes, counts), never request bodies or customer data.
 */
const LEVELS = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 } as const;
type Level = keyof typeof LEVELS;

const threshold = (): number => LEVELS[(process.env.LOG_LEVEL?.toUpperCase() as Level) ?? "INFO"] ?? LEVELS.INFO;

/** Fields every line of the current request or event carries (request id, actor, contract id). */
const scope = new AsyncLocalStorage<Record<string, unknown>>();

export function withLogFields<T>(fields: Record<string, unknown>, fn: () => T): T {
  return scope.run({ ...scope.getStore(), ...fields }, fn);
}

function write(level: Level, message: string, fields?: Record<string, unknown>) {
  if (LEVELS[level] < threshold()) return;
  const line = JSON.stringify({ level, time: new Date().toISOString(), message, ...scope.getStore(), ...fields });
  (level === "ERROR" || level === "WARN" ? process.stderr : process.stdout).write(line + "\n");
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write("DEBUG", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("INFO", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("WARN", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("ERROR", message, fields),
};

/** What of an unknown error is safe to log: its kind and where, not its data. */
export const describeError = (error: unknown) =>
  error instanceof Error ? { error: error.name, error_message: error.message, stack: error.stack } : { error: String(error) };
