import { actorId, api, tenantTx } from "../../../lib/api.ts";
import { cachedJson, jsonBytes } from "../../../lib/cache.ts";
import { offeringsScope } from "../../../lib/deps.ts";
import { createOffering, listOfferings } from "../../../services/offerings/offerings.ts";
import { OfferingCreate, OfferingListQuery } from "../../../services/offerings/schemas.ts";

const CACHE_TTL_SECONDS = 3600;

export const handler = {
  GET: api({
    summary: "List offerings (services and products)",
    description:
      "Filters: type, category, active (true, false, all), q (searches name, category and description, ignoring case and Turkish letters). Paginated with limit and cursor. Widget keys see active offerings only. Cached per tenant for an hour; every write invalidates.",
    tags: ["offerings"],
    access: "widget",
    query: OfferingListQuery,
    async handle(c, { query, principal }) {
      const effective = principal.kind === "publishable_key"
        ? { ...query, active: "true" as const }
        : query;
      const field = JSON.stringify([
        effective.type,
        effective.category,
        effective.active,
        effective.q,
        effective.limit,
        effective.cursor,
      ]);
      const { json, hit } = await cachedJson(
        c.get("deps").kv,
        offeringsScope(principal.tenantId),
        field,
        CACHE_TTL_SECONDS,
        () => tenantTx(c, (tx) => listOfferings(tx, effective)),
      );
      // A Response made with more than a content type in its init is much slower to build.
      const res = new Response(jsonBytes(json), {
        headers: { "Content-Type": "application/json; charset=UTF-8" },
      });
      res.headers.set("X-Cache", hit ? "hit" : "miss");
      return res;
    },
  }),
  POST: api({
    summary: "Create an offering",
    description:
      "meta_info is validated per offering_type: services need duration_minutes; products default to 20% KDV (tax_rate 0.20).",
    tags: ["offerings"],
    access: "owner",
    body: OfferingCreate,
    status: 201,
    handle: (c, { body }) => tenantTx(c, (tx) => createOffering(tx, body, actorId(c))),
  }),
};
