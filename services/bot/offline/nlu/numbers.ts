/**
 * Numbers written as digits or as Turkish and English words ("iki", "on iki", "yirmi beş",
 * "twenty-five", "a dozen"), read from folded tokens.
 * @module
 */
import { isInflectionOf } from "./text.ts";

const UNITS_TR: Readonly<Record<string, number>> = {
  bir: 1,
  iki: 2,
  uc: 3,
  dort: 4,
  bes: 5,
  alti: 6,
  yedi: 7,
  sekiz: 8,
  dokuz: 9,
};

const TENS_TR: Readonly<Record<string, number>> = {
  on: 10,
  yirmi: 20,
  otuz: 30,
  kirk: 40,
  elli: 50,
  altmis: 60,
  yetmis: 70,
  seksen: 80,
  doksan: 90,
};

const UNITS_EN: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};

const TENS_EN: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

const HUNDRED: Readonly<Record<string, number>> = { yuz: 100 };

/** "a dozen", "a couple", "a pair": the word after "a". */
const COUNT_NOUNS_EN: Readonly<Record<string, number>> = { dozen: 12, couple: 2, pair: 2 };

/** A number read from tokens. */
export interface NumberReading {
  /** The value. */
  value: number;
  /** How many tokens it spans. */
  length: number;
  /** What followed the number inside its last token, folded ("ucte" → "te", "3'te" → "te"). */
  suffix: string;
  /** Whether it was written in digits. */
  digits: boolean;
}

/** A single Turkish or English number word at the start of a folded token, with its suffix. */
function wordValue(
  token: string,
  table: Readonly<Record<string, number>>,
  inflect: boolean,
): { value: number; suffix: string } | null {
  const exact = table[token];
  if (exact !== undefined) return { value: exact, suffix: "" };
  if (!inflect) return null;
  for (const [word, value] of Object.entries(table)) {
    if (token.length > word.length && isInflectionOf(token, word)) {
      const apostrophe = token.indexOf("'");
      const cut = apostrophe > 0 ? apostrophe + 1 : word.length;
      return { value, suffix: token.slice(cut) };
    }
  }
  return null;
}

/**
 * Reads a number starting at `tokens[index]` (folded tokens): digits with an optional suffix
 * ("3", "3'te", "25th"), Turkish words with an optional inflection on the last one ("iki",
 * "on ikide", "yirmi beş", "üçünü"), English words ("two", "twenty five", "a dozen"). Returns null
 * when no number starts there; a digit token with a time or date separator is no number.
 */
export function readNumber(tokens: readonly string[], index: number): NumberReading | null {
  const first = tokens[index];
  if (first === undefined) return null;
  const digits = /^(\d{1,6})(?:'?([a-z]+))?$/.exec(first);
  if (digits) {
    return { value: Number(digits[1]), length: 1, suffix: digits[2] ?? "", digits: true };
  }
  if (first === "a" || first === "an") {
    const noun = COUNT_NOUNS_EN[tokens[index + 1] ?? ""];
    return noun === undefined ? null : { value: noun, length: 2, suffix: "", digits: false };
  }
  // An English word wins over a Turkish one read with a suffix ("one" is not "on" + "e").
  const english = TURKISH_WORDS.has(first) ? null : readEnglish(tokens, index);
  return english ?? readTurkish(tokens, index);
}

/** Turkish number words as written, without a suffix. */
const TURKISH_WORDS = new Set([
  ...Object.keys(UNITS_TR),
  ...Object.keys(TENS_TR),
  ...Object.keys(HUNDRED),
]);

function readTurkish(tokens: readonly string[], index: number): NumberReading | null {
  let i = index;
  let value = 0;
  let suffix = "";
  const multiplier = UNITS_TR[tokens[i] ?? ""];
  const hundredAt = multiplier !== undefined && multiplier > 1 ? i + 1 : i;
  const hundred = wordValue(tokens[hundredAt] ?? "", HUNDRED, true);
  if (hundred) {
    value = (hundredAt > i ? multiplier ?? 1 : 1) * 100;
    suffix = hundred.suffix;
    i = hundredAt + 1;
    if (suffix !== "") return { value, length: i - index, suffix, digits: false };
  }
  const tens = wordValue(tokens[i] ?? "", TENS_TR, true);
  if (tens) {
    value += tens.value;
    suffix = tens.suffix;
    i++;
    if (suffix !== "") return { value, length: i - index, suffix, digits: false };
  }
  const unit = wordValue(tokens[i] ?? "", UNITS_TR, true);
  if (unit) {
    value += unit.value;
    suffix = unit.suffix;
    i++;
  }
  return i > index ? { value, length: i - index, suffix, digits: false } : null;
}

function readEnglish(tokens: readonly string[], index: number): NumberReading | null {
  const first = tokens[index] ?? "";
  const tens = TENS_EN[first];
  if (tens !== undefined) {
    const unit = UNITS_EN[tokens[index + 1] ?? ""];
    return unit !== undefined && unit < 10
      ? { value: tens + unit, length: 2, suffix: "", digits: false }
      : { value: tens, length: 1, suffix: "", digits: false };
  }
  const unit = UNITS_EN[first];
  return unit === undefined ? null : { value: unit, length: 1, suffix: "", digits: false };
}
