/**
 * The Firecrawl crawler (`@mendable/firecrawl-js`, API v2): starts a crawl, then polls its status
 * and hands on each page as it arrives, with the crawl's own progress.
 * @module
 */
import Firecrawl from "@mendable/firecrawl-js";
import type { Crawler } from "./types.ts";

/** Creates the Firecrawl crawler. */
export function createFirecrawlCrawler(
  config: { apiKey: string; apiUrl?: string; pollMs?: number },
): Crawler {
  const client = new Firecrawl({
    apiKey: config.apiKey,
    ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}),
  });
  return {
    name: "firecrawl",
    validate: () => Promise.resolve(),
    async crawl(url, { limit, onPage, signal }) {
      const started = await client.startCrawl(url, {
        limit,
        scrapeOptions: { formats: ["markdown"], onlyMainContent: true },
      });
      const delivered = new Set<string>();
      while (!signal?.aborted) {
        const status = await client.getCrawlStatus(started.id, { autoPaginate: true });
        for (const page of status.data ?? []) {
          const meta = (page.metadata ?? {}) as Record<string, unknown>;
          const pageUrl = String(meta.sourceURL ?? meta.url ?? "");
          if (!pageUrl || delivered.has(pageUrl)) continue;
          delivered.add(pageUrl);
          await onPage(
            {
              url: pageUrl,
              title: typeof meta.title === "string" ? meta.title : null,
              text: page.markdown ?? "",
            },
            { found: status.total ?? delivered.size, done: delivered.size },
          );
        }
        if (status.status === "completed") return;
        if (status.status === "failed" || status.status === "cancelled") {
          throw new Error(`Firecrawl crawl ${status.status}`);
        }
        await new Promise((r) => setTimeout(r, config.pollMs ?? 1000));
      }
    },
  };
}
