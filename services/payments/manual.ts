/**
 * The manual payment provider: nothing leaves the server. The customer gets instructions (pay on
 * pick-up, or by bank transfer with the order number as the reference) and the business marks the
 * order paid by hand.
 * @module
 */
import { moneyText, toLira } from "../money.ts";
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

type Kind = "transfer" | "transferLater" | "onReceipt" | "either";

/**
 * The default texts. The SMS and the reply that carry them already say the order number and the
 * amount, so the texts only tell how to pay (the number as the transfer's reference).
 */
const defaults: Record<"tr" | "en", Record<Kind, (iban: string) => string>> = {
  tr: {
    transfer: (iban) =>
      `Lütfen tutarı ${iban ? `${iban} IBAN numaralı hesabımıza ` : ""}havale/EFT ile ` +
      `gönderin; açıklamaya sipariş numaranızı yazın.`,
    transferLater: () => "Havale/EFT bilgileri için sizinle iletişime geçeceğiz.",
    onReceipt: () => "Ödemenizi siparişinizi teslim alırken yapabilirsiniz.",
    either: (iban) =>
      `Ödemenizi siparişinizi teslim alırken yapabilir ya da ${
        iban ? `${iban} IBAN numaralı hesabımıza ` : ""
      }havale/EFT ile gönderebilirsiniz; havale açıklamasına sipariş numaranızı yazın.`,
  },
  en: {
    transfer: (iban) =>
      `Please pay by bank transfer${iban ? ` to IBAN ${iban}` : ""} and put your order ` +
      `number in the transfer description.`,
    transferLater: () => "We'll contact you with the bank transfer details.",
    onReceipt: () => "You can pay when you receive your order.",
    either: (iban) =>
      `You can pay when you receive your order or by bank transfer${
        iban ? ` to IBAN ${iban}` : ""
      }; please put your order number in the transfer description.`,
  },
};

/** The IBAN line added to a business's own text that leaves it out. */
const ibanLines = {
  tr: (iban: string) => `Havale/EFT için IBAN: ${iban}`,
  en: (iban: string) => `IBAN for bank transfer: ${iban}`,
};

/**
 * How the order is paid: on receipt (cash, at the shop, on pick-up), by transfer (chosen, or a
 * shipped order), or either when nothing is known of it. A transfer is offered only when the
 * business has an IBAN or the caller did not say.
 */
function kindOf(o: ManualOrder): Kind {
  const transfer = o.iban === undefined || o.iban.trim() !== "";
  const onReceipt = o.method === "cash" || o.method === "pay_at_shop" ||
    (o.delivery === "pickup" && o.method !== "bank_transfer");
  if (onReceipt) return "onReceipt";
  if (o.method === "bank_transfer" || o.delivery === "shipping") {
    return transfer ? "transfer" : "transferLater";
  }
  return transfer ? "either" : "onReceipt";
}

const compact = (s: string) => s.replace(/\s+/g, "").toUpperCase();

/** Turkish letters or words: a business's text written in Turkish. */
const TURKISH =
  /[çğıöşüÇĞİÖŞÜ]|\b(ve|ile|veya|ödeme|odeme|havale|lütfen|lutfen|sipariş|siparis)\b/i;

/**
 * Builds the text the customer reads: the business's own words, or the default for the locale,
 * the delivery and what the business takes, with its IBAN when its words leave it out and the
 * customer may pay by transfer. An English customer gets the default when the business wrote its
 * words in Turkish only.
 */
export function manualInstructions(
  request: Pick<
    CheckoutRequest,
    "orderNumber" | "totalKurus" | "locale" | "currency" | "manualInstructions"
  >,
  manual: ManualOrder = {},
): string {
  const kind = kindOf(manual);
  const iban = manual.iban?.trim() ?? "";
  const custom = request.manualInstructions?.trim();
  if (!custom || (request.locale === "en" && TURKISH.test(custom))) {
    return defaults[request.locale][kind](iban);
  }
  // A business may place the order number and amount itself.
  const total = moneyText(toLira(request.totalKurus), request.locale, request.currency);
  const text = custom.replaceAll("{order_number}", request.orderNumber)
    .replaceAll("{total}", total);
  // Its own words and its IBAN both reach a customer who may pay by transfer.
  const byTransfer = kind === "transfer" || kind === "either";
  return byTransfer && iban && !compact(text).includes(compact(iban))
    ? `${text}\n${ibanLines[request.locale](iban)}`
    : text;
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
