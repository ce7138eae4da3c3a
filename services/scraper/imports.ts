/**
 * Website imports: the business's site is read page by page by a job, each page's text replacing
 * what was stored from it before; the import's progress is kept for the dashboard.
 * @module
 */
import { z } from "zod";
import { withTenant } from "../../db/tenant.ts";
import type { Db, Tx } from "../../db/types.ts";
import { replaceSource } from "../bot/knowledge.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { enqueue } from "../jobs/queue.ts";
import type { Crawler } from "./types.ts";

/** What `POST /api/scrape` accepts. */
export const ImportInput = z.object({
  url: z.url().max(1000).optional(),
  limit: z.number().int().min(1).max(100).default(20),
}).strict();

/** An import as the dashboard shows it. */
export interface WebsiteImport {
  id: string;
  url: string;
  crawler: string;
  status: "queued" | "running" | "done" | "failed";
  page_limit: number;
  pages_found: number;
  pages_done: number;
  chunks: number;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const COLUMNS = `id, url, crawler, status, page_limit, pages_found, pages_done, chunks, error,
  created_at, started_at, finished_at`;

/** Queues an import of the given site, or the business's own website. */
export async function startImport(
  tx: Tx,
  input: z.infer<typeof ImportInput>,
  crawler: string,
): Promise<WebsiteImport> {
  const [tenant] = await tx<{ website_url: string | null }[]>`
    select website_url from tenants where id = ${tx.tenantId}`;
  const url = input.url ?? tenant!.website_url;
  if (!url) {
    throw new ValidationError("Give a url, or set the business's website first", {
      field: "url",
    }, "url_required");
  }
  const [running] = await tx`
    select 1 from website_imports where status in ('queued', 'running') limit 1`;
  if (running) throw new ConflictError("An import is already running", "import_running");
  const [row] = await tx<WebsiteImport[]>`
    insert into website_imports (tenant_id, url, crawler, page_limit)
    values (${tx.tenantId}, ${url}, ${crawler}, ${input.limit})
    returning ${tx.unsafe(COLUMNS)}`;
  await enqueue(tx, "website.import", { import_id: row!.id }, { maxAttempts: 3 });
  tx.emit({ type: "imports.changed", data: { id: row!.id } });
  return row!;
}

/** Returns one import. */
export async function getImport(tx: Tx, id: string): Promise<WebsiteImport> {
  const [row] = await tx<WebsiteImport[]>`
    select ${tx.unsafe(COLUMNS)} from website_imports where id = ${id}`;
  if (!row) throw new NotFoundError("Import");
  return row;
}

/** Lists imports, newest first. */
export async function listImports(tx: Tx): Promise<WebsiteImport[]> {
  return await tx<WebsiteImport[]>`
    select ${tx.unsafe(COLUMNS)} from website_imports order by created_at desc, id limit 50`;
}

/** Runs an import (the job's work): reads the site and stores each page as it comes. */
export async function runImport(
  db: Db,
  tenantId: string,
  importId: string,
  crawler: Crawler,
  signal?: AbortSignal,
): Promise<void> {
  const job = await withTenant(db, tenantId, async (tx) => {
    const current = await getImport(tx, importId);
    if (current.status === "done") return null;
    await tx`update website_imports set status = 'running', started_at = now(), error = null
      where id = ${importId}`;
    tx.emit({ type: "imports.changed", data: { id: importId } });
    return current;
  });
  if (!job) return;
  try {
    await crawler.crawl(job.url, {
      limit: job.page_limit,
      signal,
      onPage: (page, progress) =>
        withTenant(db, tenantId, async (tx) => {
          const chunks = await replaceSource(tx, page.url, page.title ?? page.url, page.text);
          await tx`update website_imports set pages_found = ${progress.found},
            pages_done = ${progress.done}, chunks = chunks + ${chunks} where id = ${importId}`;
          tx.emit({ type: "imports.changed", data: { id: importId } });
        }),
    });
    // Stopped half way (the process is shutting down): the job runs it again later.
    signal?.throwIfAborted();
  } catch (err) {
    await withTenant(db, tenantId, async (tx) => {
      await (signal?.aborted
        ? tx`update website_imports set status = 'queued' where id = ${importId}`
        : tx`update website_imports set status = 'failed', error = ${(err as Error).message},
          finished_at = now() where id = ${importId}`);
      tx.emit({ type: "imports.changed", data: { id: importId } });
    });
    throw err;
  }
  await withTenant(db, tenantId, async (tx) => {
    await tx`update website_imports set status = 'done', finished_at = now(),
      pages_found = greatest(pages_found, pages_done) where id = ${importId}`;
    tx.emit({ type: "imports.changed", data: { id: importId } });
  });
}
