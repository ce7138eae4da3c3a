/**
 * How orders are shown: the tone of a status and the text of a payment state.
 * @module
 */
import { t, textOr } from "../lib/i18n/mod.ts";
import type { Locale } from "./format.ts";

/** The pill class of an order status. */
export function orderTone(status: string): string {
  return status === "paid"
    ? "warn"
    : status === "shipped"
    ? "info"
    : status === "delivered"
    ? "ok"
    : status === "cancelled"
    ? "bad"
    : "";
}

/** The text of a payment state. */
export function paymentText(status: string, locale: Locale): string {
  return textOr(locale, `pay.status.${status}`, t(locale, "pay.status.other"));
}
