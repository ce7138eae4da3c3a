/**
 * How orders are shown: the tone of a status and the text of a payment state.
 * @module
 */
import { type MessageKey, t } from "../lib/i18n/mod.ts";
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
  const key = `pay.status.${status}`;
  return t(locale, (key in PAYMENT_KEYS ? key : "pay.status.other") as MessageKey);
}
const PAYMENT_KEYS = {
  "pay.status.unpaid": 1,
  "pay.status.pending": 1,
  "pay.status.paid": 1,
  "pay.status.failed": 1,
  "pay.status.paid_after_cancel": 1,
  "pay.status.refunded": 1,
};
