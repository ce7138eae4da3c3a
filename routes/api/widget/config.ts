import { api, tenantTx } from "../../../lib/api.ts";
import { readSettings } from "../../../services/tenants/settings.ts";

export const handler = {
  GET: api({
    summary: "What the widget shows before the first message",
    description:
      "The business's name, the assistant's name and greeting, the KVKK notice link, the default language, the services for suggestion buttons, and whether online payment is on.",
    tags: ["chat"],
    access: "widget",
    handle: (c) =>
      tenantTx(c, async (tx) => {
        const [t] = await tx<{ business_name: string; locale: "tr" | "en"; settings: unknown }[]>`
          select business_name, locale, settings from tenants where id = ${tx.tenantId}`;
        const settings = readSettings(t!.settings);
        const services = await tx<{ id: string; name: string }[]>`
          select id, name from offerings where offering_type = 'service' and is_active
          order by name limit 12`;
        return {
          business_name: t!.business_name,
          assistant_name: settings.assistant.name,
          greeting: { tr: settings.assistant.greeting_tr, en: settings.assistant.greeting_en },
          kvkk_url: settings.kvkk_url,
          locale: t!.locale,
          services,
          online_payment: c.get("deps").providers.payments.name !== "manual",
        };
      }),
  }),
};
