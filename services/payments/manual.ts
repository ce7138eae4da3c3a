/**
 * The manual payment provider: nothing leaves the server. The customer gets instructions (pay on
 * pick-up, or by bank transfer with the order number as the reference) and the business marks the
 * order paid by hand.
 * @module
 */
import { formatMoney, toLira } from "../money.ts";
import type { CheckoutRequest, CheckoutSession, PaymentProvider } from "./types.ts";

/** The manual provider; its sessions carry instructions instead of a link. */
export interface ManualProvider extends PaymentProvider {
  readonly name: "manual";
}

/** How the order is delivered and paid, and the business's IBAN, when the caller knows them. */
export interface ManualOrder {
  delivery?: "shipping" | "pickup";
  /** The payment method the customer chose ("bank_transfer", "cash", "pay_at_shop", …). */
  method?: string;
  /** The business's IBAN; empty when it has none (then no transfer is offered). */
  iban?: string;
}

type Text = (order: string, total: string, iban: string) => string;

const defaults: Record<
  "tr" | "en",
  Record<"transfer" | "transferLater" | "onReceipt" | "either", Text>
> = {
  tr: {
    transfer: (order, total, iban) =>
      `Lütfen ${total} tutarını ${iban ? `${iban} IBAN numaralı hesabımıza ` : ""}havale/EFT ` +
      `ile gönderin; açıklamaya sipariş numaranızı (${order}) yazın.`,
    transferLater: (order, total) =>
      `Havale/EFT bilgileri için sizinle iletişime geçeceğiz. Sipariş numaranız: ${order}. ` +
      `Tutar: ${total}.`,
    onReceipt: (order, total) =>
      `Ödemenizi siparişinizi teslim alırken yapabilirsiniz. Sipariş numaranız: ${order}. ` +
      `Tutar: ${total}.`,
    either: (order, total, iban) =>
      `Ödemenizi siparişinizi teslim alırken yapabilir ya da ${
        iban ? `${iban} IBAN numaralı hesabımıza ` : ""
      }havale/EFT ile gönderebilirsiniz. ` +
      `Havale açıklamasına sipariş numaranızı (${order}) yazmayı unutmayın. Tutar: ${total}.`,
  },
  en: {
    transfer: (order, total, iban) =>
      `Please send ${total} by bank transfer${iban ? ` to IBAN ${iban}` : ""} and put your ` +
      `order number (${order}) in the transfer description.`,
    transferLater: (order, total) =>
      `We'll contact you with the bank transfer details. Your order number: ${order}. ` +
      `Amount: ${total}.`,
    onReceipt: (order, total) =>
      `You can pay when you receive your order. Your order number: ${order}. Amount: ${total}.`,
    either: (order, total, iban) =>
      `You can pay when you receive your order or by bank transfer${
        iban ? ` to IBAN ${iban}` : ""
      }. Please put your order number (${order}) in the transfer description. Amount: ${total}.`,
  },
};

const reminders = {
  tr: (order: string, total: string) => `Sipariş numarası: ${order} · Tutar: ${total}`,
  en: (order: string, total: string) => `Order number: ${order} · Amount: ${total}`,
};

/**
 * The default text for an order: paid on receipt (cash, at the shop, on pick-up), by transfer
 * (chosen, or a shipped order), or either when nothing is known of it. A transfer is offered only
 * when the business has an IBAN or the caller did not say.
 */
function defaultText(locale: "tr" | "en", order: string, total: string, o: ManualOrder): string {
  const texts = defaults[locale];
  const iban = o.iban?.trim() ?? "";
  const transfer = o.iban === undefined || iban !== "";
  const onReceipt = o.method === "cash" || o.method === "pay_at_shop" ||
    (o.delivery === "pickup" && o.method !== "bank_transfer");
  if (onReceipt) return texts.onReceipt(order, total, iban);
  if (o.method === "bank_transfer" || o.delivery === "shipping") {
    return (transfer ? texts.transfer : texts.transferLater)(order, total, iban);
  }
  return (transfer ? texts.either : texts.onReceipt)(order, total, iban);
}

/** Turkish letters or words: a business's text written in Turkish. */
const TURKISH =
  /[çğıöşüÇĞİÖŞÜ]|\b(ve|ile|veya|ödeme|odeme|havale|lütfen|lutfen|sipariş|siparis)\b/i;

/**
 * Builds the text the customer reads: the business's own words, or the default for the locale,
 * the delivery and what the business takes. An English customer gets the default when the
 * business wrote its words in Turkish only.
 */
export function manualInstructions(
  request: Pick<
    CheckoutRequest,
    "orderNumber" | "totalKurus" | "locale" | "currency" | "manualInstructions"
  >,
  manual: ManualOrder = {},
): string {
  const order = request.orderNumber;
  const total = formatMoney(toLira(request.totalKurus), request.locale, request.currency);
  const custom = request.manualInstructions?.trim();
  if (!custom || (request.locale === "en" && TURKISH.test(custom))) {
    return defaultText(request.locale, order, total, manual);
  }
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
