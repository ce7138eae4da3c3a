/**
 * An order's status as a coloured pill, in the dashboard's language.
 * @module
 */
import { type MessageKey, t } from "../lib/i18n/mod.ts";
import type { Locale } from "./format.ts";
import { orderTone } from "./orders.ts";

/** The status pill of an order; `testId` marks it for tests. */
export function OrderStatusPill(
  { status, locale, testId }: { status: string; locale: Locale; testId?: string },
) {
  return (
    <span class={`pill ${orderTone(status)}`} data-testid={testId}>
      {t(locale, `order.status.${status}` as MessageKey)}
    </span>
  );
}
