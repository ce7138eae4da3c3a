/**
 * Structured JSON logs, one line per event. Callers pass fields; secrets never belong in them.
 * @module
 */
import type { LogLevel } from "./config.ts";

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** Writes JSON log lines at or above a level. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  enabled(level: LogLevel): boolean;
}

/** Where log lines go: stdout for debug and info, stderr for warn and error. */
export function defaultSink(level: LogLevel, line: string): void {
  if (ORDER[level] >= ORDER.warn) console.error(line);
  else console.log(line);
}

/** Creates a logger writing lines at or above `level` to `sink`. */
export function createLogger(
  level: LogLevel,
  sink: (level: LogLevel, line: string) => void = defaultSink,
): Logger {
  const min = ORDER[level];
  const write = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < min) return;
    sink(lvl, JSON.stringify({ ts: new Date().toISOString(), level: lvl, msg, ...fields }));
  };
  return {
    debug: (m, f) => write("debug", m, f),
    info: (m, f) => write("info", m, f),
    warn: (m, f) => write("warn", m, f),
    error: (m, f) => write("error", m, f),
    enabled: (lvl) => ORDER[lvl] >= min,
  };
}
