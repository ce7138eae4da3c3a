/**
 * Phone numbers: Turkish spellings normalised to E.164 (+90…), other countries kept when they
 * already carry a "+" and a country code.
 * @module
 */
import { ValidationError } from "./errors.ts";

/** Normalises a phone number to E.164, or returns null when it is not a usable number. */
export function normalizePhone(input: string): string | null {
  const trimmed = input.trim();
  if (!/^[+\d\s().\-/]{7,25}$/.test(trimmed)) return null;
  const plus = trimmed.startsWith("+");
  let digits = trimmed.replace(/\D/g, "");
  if (!plus && digits.startsWith("00")) digits = digits.slice(2);
  else if (!plus && digits.length === 11 && digits.startsWith("0")) digits = "90" + digits.slice(1);
  else if (!plus && digits.length === 10 && /^[2-5]/.test(digits)) digits = "90" + digits;
  else if (!plus && !(digits.length === 12 && digits.startsWith("90"))) return null;
  if (digits.startsWith("90")) {
    // Turkish numbers: 10 digits after the country code, area or operator code 2xx–5xx, 8xx.
    return /^90[2-58]\d{9}$/.test(digits) ? `+${digits}` : null;
  }
  return /^[1-9]\d{7,14}$/.test(digits) ? `+${digits}` : null;
}

/** Normalises a phone number, or refuses it with a 400 `invalid_phone` that names the field. */
export function requirePhone(
  input: string,
  field: string,
  message = "Invalid phone number",
): string {
  const normal = normalizePhone(input);
  if (!normal) throw new ValidationError(message, { field }, "invalid_phone");
  return normal;
}

/** True for a Turkish mobile number in E.164 (+905xxxxxxxxx). */
export function isTurkishMobile(e164: string): boolean {
  return /^\+905\d{9}$/.test(e164);
}

/** Formats an E.164 Turkish number as people write it: +90 532 123 45 67. */
export function formatPhone(e164: string): string {
  const m = /^\+90(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  return m ? `+90 ${m[1]} ${m[2]} ${m[3]} ${m[4]}` : e164;
}
