/**
 * The informational SMS texts, Turkish and English. Nothing promotional is sent.
 * @module
 */
import { moneyText } from "../money.ts";

/** The kinds of SMS Arma sends. */
export type SmsTemplate =
  | "appointment_confirmation"
  | "appointment_reminder"
  | "appointment_cancelled"
  | "order_received"
  | "payment_link";

/** Values the texts are filled with. */
export interface SmsParams {
  business: string;
  service?: string;
  /** Local date and time, already formatted for people. */
  when?: string;
  code?: string;
  staff?: string | null;
  orderNumber?: string;
  total?: number;
  link?: string | null;
  instructions?: string | null;
}

const TR: Record<SmsTemplate, (p: SmsParams) => string> = {
  appointment_confirmation: (p) =>
    `${p.business}: ${p.service} randevunuz ${p.when} için onaylandı${
      p.staff ? ` (${p.staff})` : ""
    }. Onay kodu: ${p.code}. İptal için bu kodu kullanabilirsiniz.`,
  appointment_reminder: (p) =>
    `${p.business}: Hatırlatma — ${p.service} randevunuz ${p.when}. Onay kodu: ${p.code}.`,
  appointment_cancelled: (p) =>
    `${p.business}: ${p.when} tarihli ${p.service} randevunuz iptal edildi. Onay kodu: ${p.code}.`,
  order_received: (p) =>
    `${p.business}: ${p.orderNumber} numaralı siparişiniz alındı. Toplam: ${
      moneyText(p.total ?? 0, "tr")
    }.${p.instructions ? ` ${p.instructions}` : ""}`,
  payment_link: (p) =>
    `${p.business}: ${p.orderNumber} numaralı siparişinizin ödeme bağlantısı: ${p.link}`,
};

const EN: Record<SmsTemplate, (p: SmsParams) => string> = {
  appointment_confirmation: (p) =>
    `${p.business}: your ${p.service} appointment on ${p.when} is confirmed${
      p.staff ? ` (${p.staff})` : ""
    }. Confirmation code: ${p.code}. Use it to cancel.`,
  appointment_reminder: (p) =>
    `${p.business}: Reminder — your ${p.service} appointment is on ${p.when}. Code: ${p.code}.`,
  appointment_cancelled: (p) =>
    `${p.business}: your ${p.service} appointment on ${p.when} was cancelled. Code: ${p.code}.`,
  order_received: (p) =>
    `${p.business}: we received your order ${p.orderNumber}. Total: ${
      moneyText(p.total ?? 0, "en")
    }.${p.instructions ? ` ${p.instructions}` : ""}`,
  payment_link: (p) => `${p.business}: pay for your order ${p.orderNumber} here: ${p.link}`,
};

/** Renders an SMS text in the customer's language. */
export function renderSms(template: SmsTemplate, locale: "tr" | "en", params: SmsParams): string {
  return (locale === "en" ? EN : TR)[template](params);
}

const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** "26 Kasım 2026 Perşembe 14:00" / "Thursday, 26 November 2026, 14:00" in the tenant's zone. */
export function formatWhen(instant: Date, timeZone: string, locale: "tr" | "en"): string {
  const key = `${locale}:${timeZone}`;
  let f = DATE_FORMATS.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "tr" ? "tr-TR" : "en-GB", {
      timeZone,
      weekday: "long",
      day: "numeric",
      month: "long",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    DATE_FORMATS.set(key, f);
  }
  return f.format(instant);
}
