/**
 * Crawlers read the business's website: Firecrawl when configured, a built-in fetcher otherwise.
 * @module
 */

/** One page read from the site. */
export interface CrawledPage {
  url: string;
  title: string | null;
  /** The page's text (Markdown from Firecrawl, plain text from the built-in fetcher). */
  text: string;
}

/** Progress as pages are found and read. */
export interface CrawlProgress {
  found: number;
  done: number;
}

/** Reads a site page by page. */
export interface Crawler {
  readonly name: "firecrawl" | "builtin";
  /** Refuses an address this crawler will not read (before an import is queued). */
  validate(url: string): Promise<void>;
  crawl(
    url: string,
    options: {
      limit: number;
      onPage(page: CrawledPage, progress: CrawlProgress): Promise<void>;
      signal?: AbortSignal;
    },
  ): Promise<void>;
}
