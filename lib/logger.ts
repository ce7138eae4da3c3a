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
  /** Writes a line already formatted as JSON (for the per-request hot path). */
  line(level: LogLevel, json: string): void;
  /** Writes out lines still held in the buffer. */
  flush(): void;
}

/** Where log lines go. */
export type LogSink = ((level: LogLevel, line: string) => void) & { flush?: () => void };

// Writes warn and error lines to stderr at once, and collects debug and info lines for stdout,
// written together every 50 ms: one write per batch instead of one per request.
function bufferedSink(): LogSink {
  const encoder = new TextEncoder();
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const text = pending.join("\n") + "\n";
    pending = [];
    Deno.stdout.writeSync(encoder.encode(text));
  };
  const timer = setInterval(flush, 50);
  Deno.unrefTimer(timer);
  const sink = (level: LogLevel, line: string) => {
    if (ORDER[level] >= ORDER.warn) {
      flush();
      console.error(line);
      return;
    }
    pending.push(line);
    if (pending.length >= 512) flush();
  };
  return Object.assign(sink, { flush });
}

/** Creates a logger writing lines at or above `level` to `sink`. */
export function createLogger(
  level: LogLevel,
  sink: LogSink = bufferedSink(),
): Logger {
  const min = ORDER[level];
  const write = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < min) return;
    const head = `{"ts":"${new Date().toISOString()}","level":"${lvl}","msg":${
      JSON.stringify(msg)
    }`;
    const rest = fields ? JSON.stringify(fields) : "{}";
    sink(lvl, rest === "{}" ? `${head}}` : `${head},${rest.slice(1)}`);
  };
  return {
    debug: (m, f) => write("debug", m, f),
    info: (m, f) => write("info", m, f),
    warn: (m, f) => write("warn", m, f),
    error: (m, f) => write("error", m, f),
    enabled: (lvl) => ORDER[lvl] >= min,
    line: (lvl, json) => {
      if (ORDER[lvl] >= min) sink(lvl, json);
    },
    flush: () => sink.flush?.(),
  };
}
