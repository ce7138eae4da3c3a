/**
 * Keeps server-rendered parts of a page current: when a change of the given types arrives, the
 * page is fetched again and the marked regions are replaced (the server stays the one renderer).
 * @module
 */
import { useEffect, useState } from "preact/hooks";
import { onChange } from "./events.ts";

/** Props: which changes matter, which element ids to refresh, and what to announce. */
export interface LiveUpdatesProps {
  types: string[];
  regions: string[];
  announce: string;
  /** Refresh once on connecting: work was running when the page was rendered. */
  catchUp?: boolean;
}

export default function LiveUpdates({ types, regions, announce, catchUp }: LiveUpdatesProps) {
  const [message, setMessage] = useState("");
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;
    let again = false;
    const refresh = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        const res = await fetch(location.href, {
          credentials: "same-origin",
          headers: { Accept: "text/html" },
        });
        if (!res.ok || res.redirected) return;
        const doc = new DOMParser().parseFromString(await res.text(), "text/html");
        let changed = false;
        for (const id of regions) {
          const fresh = doc.getElementById(id);
          const current = document.getElementById(id);
          if (fresh && current && fresh.innerHTML !== current.innerHTML) {
            current.innerHTML = fresh.innerHTML;
            changed = true;
          }
        }
        if (changed) {
          setMessage(announce);
          document.dispatchEvent(new CustomEvent("arma:refreshed"));
        }
      } catch {
        // Offline for a moment: the next change or reconnection refreshes.
      } finally {
        running = false;
        if (again) {
          again = false;
          refresh();
        }
      }
    };
    const stop = onChange((changed) => {
      const missed = changed.has("*") || (catchUp === true && changed.has("connected"));
      if (!missed && !types.some((t) => changed.has(t))) return;
      clearTimeout(timer);
      timer = setTimeout(refresh, 250);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, []);
  return <p class="sr-only" aria-live="polite" data-live-status>{message}</p>;
}
