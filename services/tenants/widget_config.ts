/**
 * What the chat widget shows before the first message: the business and assistant names, the
 * greetings, the KVKK notice link, the default language and services for suggestion buttons.
 * @module
 */
import type { Tx } from "../../db/types.ts";
import { serviceOptions } from "../offerings/offerings.ts";
import { getTenant } from "./tenants.ts";

/** How many services the widget offers as suggestion buttons. */
const SUGGESTED_SERVICES = 12;

/** The widget's opening data for the transaction's tenant. */
export async function widgetConfig(tx: Tx) {
  const t = await getTenant(tx);
  const services = await serviceOptions(tx, { activeOnly: true });
  return {
    business_name: t.business_name,
    assistant_name: t.settings.assistant.name,
    greeting: { tr: t.settings.assistant.greeting_tr, en: t.settings.assistant.greeting_en },
    kvkk_url: t.settings.kvkk_url,
    locale: t.locale,
    services: services.slice(0, SUGGESTED_SERVICES).map(({ id, name }) => ({ id, name })),
  };
}
