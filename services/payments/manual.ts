/**
 * The manual payment provider: nothing leaves the server. The customer gets instructions (pay at
 * the shop, or by bank transfer with the order number as the reference) and the business marks the
 * order paid by hand.
 * @module
 */
import { formatMoney, toLira } from "../money.ts";
import type { CheckoutRequest, CheckoutSession, PaymentProvider } from "./types.ts";

/** The manual provider; its sessions carry instructions instead of a link. */
export interface ManualProvider extends PaymentProvider {
  readonly name: "manual";
}

const defaults = {
  tr: (order: string, total: string) =>
    `Ödemenizi mağazada yapabilir ya da banka havalesi/EFT ile gönderebilirsiniz. ` +
    `Havale açıklamasına sipariş numaranızı (${order}) yazmayı unutmayın. Tutar: ${total}.`,
  en: (order: string, total: string) =>
    `You can pay at the shop or by bank transfer. ` +
    `Please put your order number (${order}) in the transfer description. Amount: ${total}.`,
};

const reminders = {
  tr: (order: string, total: string) => `Sipariş numarası: ${order} · Tutar: ${total}`,
  en: (order: string, total: string) => `Order number: ${order} · Amount: ${total}`,
};

/** Builds the text the customer reads: the business's own words, or the default for the locale. */
export function manualInstructions(
  request: Pick<
    CheckoutRequest,
    "orderNumber" | "totalKurus" | "locale" | "currency" | "manualInstructions"
  >,
): string {
  const order = request.orderNumber;
  const total = formatMoney(toLira(request.totalKurus), request.locale, request.currency);
  const custom = request.manualInstructions?.trim();
  if (!custom) return defaults[request.locale](order, total);
  // A business may place the order number and amount itself; otherwise they follow its text.
  const placed = /\{(order_number|total)\}/.test(custom);
  const text = custom.replaceAll("{order_number}", order).replaceAll("{total}", total);
  return placed ? text : `${text}\n${reminders[request.locale](order, total)}`;
}

/** Creates the manual provider, which serves when no payment provider is configured. */
export function createManualProvider(): ManualProvider {
  return {
    name: "manual",
    createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
      return Promise.resolve({
        provider: "manual",
        reference: null,
        url: null,
        expiresAt: null,
        instructions: manualInstructions(request),
      });
    },
  };
}
