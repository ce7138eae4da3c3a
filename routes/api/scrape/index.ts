import { api, tenantTx } from "../../../lib/api.ts";
import { ImportInput, listImports, startImport } from "../../../services/scraper/imports.ts";

export const handler = {
  GET: api({
    summary: "Website imports and their progress",
    tags: ["knowledge"],
    access: "member",
    handle: (c) => tenantTx(c, async (tx) => ({ data: await listImports(tx) })),
  }),
  POST: api({
    summary: "Import the business's website into what the assistant knows",
    description:
      "Reads up to limit pages of url (the business's website by default) in the background, with Firecrawl when configured or the built-in fetcher; follow pages_done/pages_found on GET /api/scrape/:id. 409 while another import runs.",
    tags: ["knowledge"],
    access: "owner",
    body: ImportInput,
    status: 202,
    async handle(c, { body }) {
      const crawler = c.get("deps").providers.crawler;
      if (body.url) await crawler.validate(body.url);
      return await tenantTx(c, (tx) => startImport(tx, body, crawler.name));
    },
  }),
};
