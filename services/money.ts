/**
 * Money: amounts are numeric(12,2) in the database, whole kuruş in arithmetic, ₺ on screen.
 * @module
 */
import { z } from "zod";

/** A price in lira with at most two decimals, from a number or a numeric string. */
export const Price = z.union([
  z.number(),
  z.string().trim().regex(/^\d{1,10}(\.\d{1,2})?$/, "expected an amount such as 150 or 149.90")
    .transform(Number),
]).pipe(
  z.number().min(0).max(99_999_999).refine(
    (n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6,
    "at most two decimals",
  ),
);

/** Converts lira to whole kuruş. */
export function toKurus(lira: number): number {
  return Math.round(lira * 100);
}

/** Converts whole kuruş to lira. */
export function toLira(kurus: number): number {
  return kurus / 100;
}

const textFormatters = new Map<string, Intl.NumberFormat>();

/**
 * Formats an amount inside a sentence the customer reads (replies, SMS, payment texts): Turkish
 * puts the symbol after the tr-TR number ("1.250,00 ₺"), English before ("₺1,250.00").
 */
export function moneyText(lira: number, locale: "tr" | "en" = "tr", currency = "TRY"): string {
  const key = `${locale}:${currency}`;
  let f = textFormatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === "tr" ? "tr-TR" : "en-US", {
      style: "currency",
      currency,
      currencyDisplay: "narrowSymbol",
    });
    textFormatters.set(key, f);
  }
  const parts = f.formatToParts(lira);
  const symbol = parts.find((p) => p.type === "currency")?.value ?? currency;
  const number = parts.filter((p) => p.type !== "currency" && p.type !== "literal")
    .map((p) => p.value).join("");
  return locale === "tr" ? `${number} ${symbol}` : `${symbol}${number}`;
}
