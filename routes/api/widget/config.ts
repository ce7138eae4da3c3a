import { api, tenantTx } from "../../../lib/api.ts";
import { cachedJson } from "../../../lib/cache.ts";
import { assistantScope } from "../../../lib/deps.ts";
import { widgetConfig } from "../../../services/tenants/widget_config.ts";

export const handler = {
  GET: api({
    summary: "What the widget shows before the first message",
    description:
      "The business's name, the assistant's name and greeting, the KVKK notice link, the default language, the services for suggestion buttons, and whether online payment is on. Cached per business until its settings, offerings or staff change.",
    tags: ["chat"],
    access: "widget",
    async handle(c, { principal }) {
      const { json } = await cachedJson(
        c.get("deps").kv,
        assistantScope(principal.tenantId),
        "widget",
        3600,
        () => tenantTx(c, widgetConfig),
      );
      return {
        ...JSON.parse(json),
        online_payment: c.get("deps").providers.payments.name !== "manual",
      };
    },
  }),
};
