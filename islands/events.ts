/**
 * The browser's one connection to the live events of the business (`GET /api/events`), shared by
 * every island on the page. A listener gets the types of each change; after a reconnection it
 * gets "*" (changes may have been missed) and should refetch what it shows. The first connection
 * is announced as "connected", for pages that know work was running while they were rendered.
 * @module
 */
import { renewSession } from "./api.ts";

/** A change as the server sends it. */
export interface ChangeEvent {
  type: string;
  data?: Record<string, unknown>;
}

type Listener = (types: Set<string>, events: ChangeEvent[]) => void;

const listeners = new Set<Listener>();
let source: EventSource | null = null;
let connectedOnce = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

function notify(types: Set<string>, events: ChangeEvent[]) {
  for (const fn of [...listeners]) fn(types, events);
}

function connect() {
  if (source || typeof EventSource === "undefined") return;
  const es = new EventSource("/api/events", { withCredentials: true });
  source = es;
  es.addEventListener("ready", () => {
    notify(new Set([connectedOnce ? "*" : "connected"]), []);
    connectedOnce = true;
  });
  es.addEventListener("change", (e) => {
    let events: ChangeEvent[] = [];
    try {
      events = JSON.parse((e as MessageEvent).data);
    } catch {
      return;
    }
    notify(new Set(events.map((x) => x.type)), events);
  });
  es.addEventListener("error", () => {
    // The browser retries by itself unless the server refused (e.g. the access cookie expired).
    if (es.readyState !== EventSource.CLOSED) return;
    source = null;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(async () => {
      if (await renewSession()) connect();
    }, 1000);
  });
}

/** Calls `fn` on every change; returns the function that stops it. */
export function onChange(fn: Listener): () => void {
  listeners.add(fn);
  connect();
  return () => {
    listeners.delete(fn);
    if (listeners.size === 0 && source) {
      source.close();
      source = null;
      connectedOnce = false;
    }
  };
}
