/**
 * No false promises: before a sentence of a reply reaches the customer, a sentence that claims a
 * booking, a cancellation or an order (in Turkish or English) is checked against the tool calls
 * that succeeded in this turn or earlier ones. A claim without one — or naming a confirmation code
 * or order number no tool returned — is replaced by an honest sentence.
 * @module
 */
import { foldText } from "../offerings/offerings.ts";

/** What the conversation has really done, from successful tool results. */
export interface Evidence {
  booked: boolean;
  cancelled: boolean;
  ordered: boolean;
  /** Confirmation codes and order numbers that tools returned. */
  references: Set<string>;
}

/** Empty evidence. */
export function noEvidence(): Evidence {
  return { booked: false, cancelled: false, ordered: false, references: new Set() };
}

/** Adds a successful tool result to the evidence. */
export function addEvidence(evidence: Evidence, name: string, result: unknown): void {
  const r = (result ?? {}) as Record<string, unknown>;
  if (name === "create_appointment") evidence.booked = true;
  if (name === "cancel_appointment") evidence.cancelled = true;
  if (name === "create_order") evidence.ordered = true;
  for (const key of ["confirmation_code", "order_number"]) {
    if (typeof r[key] === "string") evidence.references.add((r[key] as string).toUpperCase());
  }
}

const CLAIMS: { kind: "booked" | "cancelled" | "ordered"; pattern: RegExp }[] = [
  {
    kind: "booked",
    pattern:
      /randevu(nuz|n)?\s+(basariyla\s+)?(olusturuldu|alindi|onaylandi|kaydedildi|ayarlandi|yapildi)|randevunuzu\s+(olusturdum|aldim|kaydettim|onayladim)|(appointment|booking)\s+(is|has been|was)\s+(booked|confirmed|created|made|scheduled)|\byou('re| are) (all )?(booked|confirmed)\b|\bi('ve| have) (booked|scheduled)\b/,
  },
  {
    kind: "cancelled",
    pattern:
      /(randevu(nuz|n)?|rezervasyon(unuz)?)\s+(basariyla\s+)?iptal\s+edil(di|mistir)|iptal\s+ettim|(appointment|booking)\s+(is|has been|was)\s+(cancelled|canceled)|\bi('ve| have) cancel+ed\b/,
  },
  {
    kind: "ordered",
    pattern:
      /siparis(iniz|in)?\s+(basariyla\s+)?(olusturuldu|alindi|verildi|onaylandi)|siparisinizi\s+(olusturdum|aldim)|order\s+(is|has been|was)\s+(placed|created|confirmed|received)|\bi('ve| have) placed (your|the) order\b/,
  },
];

const REFERENCE = /\b([A-Z2-9]{6}|S-\d{4,})\b/g;

/** Checks one sentence; returns it, or the honest replacement when it claims what did not happen. */
export function checkSentence(
  sentence: string,
  evidence: Evidence,
  locale: "tr" | "en",
): { text: string; refused: boolean } {
  const folded = foldText(sentence);
  for (const claim of CLAIMS) {
    if (claim.pattern.test(folded) && !evidence[claim.kind]) {
      return { text: honest(claim.kind, locale), refused: true };
    }
  }
  const claimsSomething = CLAIMS.some((c) => c.pattern.test(folded)) ||
    /(onay kodu|kodunuz|siparis (no|numara)|confirmation code|order number)/.test(folded);
  if (claimsSomething) {
    for (const m of sentence.matchAll(REFERENCE)) {
      const ref = m[1]!;
      if (/[0-9]/.test(ref) && !evidence.references.has(ref.toUpperCase())) {
        return { text: honest("reference", locale), refused: true };
      }
    }
  }
  return { text: sentence, refused: false };
}

function honest(kind: "booked" | "cancelled" | "ordered" | "reference", locale: "tr" | "en") {
  const tr = {
    booked: "Randevunuzu henüz oluşturamadım; onaylamadan önce bilgileri birlikte kontrol edelim.",
    cancelled: "Randevunuzu henüz iptal edemedim; onay kodunuz ve telefon numaranızla deneyelim.",
    ordered: "Siparişinizi henüz oluşturamadım; ürünleri ve bilgilerinizi birlikte kontrol edelim.",
    reference: "Bu numarayı doğrulayamadım; lütfen işlem tamamlanınca verilen numarayı kullanın.",
  };
  const en = {
    booked: "I have not booked this yet; let's check the details together before I confirm.",
    cancelled: "I have not cancelled it yet; let's try with your confirmation code and phone.",
    ordered: "I have not placed the order yet; let's check the products and your details first.",
    reference: "I could not verify that number; please use the one given when it is done.",
  };
  return (locale === "en" ? en : tr)[kind];
}

const TRIGGER =
  /randevu|rezervasyon|siparis|iptal|onay|kod|appointment|booking|booked|order|cancel|confirm|code|\bs-\d/;

/**
 * Passes streamed text through as it comes, except where a claim could be: once the current
 * sentence mentions a booking, a cancellation, an order or a code, the rest of it is held until
 * the sentence ends and then checked. The last partial word is always held, so a trigger split
 * across chunks is still seen.
 */
export class ClaimGuard {
  #pending = "";
  #held = false;
  #evidence: Evidence;
  #locale: "tr" | "en";
  /** Sentences that were replaced, for the log. */
  readonly refused: string[] = [];

  constructor(evidence: Evidence, locale: "tr" | "en") {
    this.#evidence = evidence;
    this.#locale = locale;
  }

  /** Takes a chunk; returns the text that may go out now. */
  push(chunk: string): string {
    this.#pending += chunk;
    let out = "";
    let end: number;
    while ((end = sentenceEnd(this.#pending)) >= 0) {
      out += this.#release(this.#pending.slice(0, end + 1));
      this.#pending = this.#pending.slice(end + 1);
      this.#held = false;
    }
    if (this.#held || TRIGGER.test(foldText(this.#pending))) {
      this.#held = true;
      return out;
    }
    const cut = this.#pending.search(/\s\S*$/);
    if (cut < 0) return out;
    out += this.#pending.slice(0, cut + 1);
    this.#pending = this.#pending.slice(cut + 1);
    return out;
  }

  /** Returns what is left at the end of the reply. */
  flush(): string {
    const rest = this.#pending;
    this.#pending = "";
    this.#held = false;
    return rest ? this.#release(rest) : "";
  }

  #release(part: string): string {
    if (!this.#held && !TRIGGER.test(foldText(part))) return part;
    const { text, refused } = checkSentence(part, this.#evidence, this.#locale);
    if (!refused) return part;
    this.refused.push(part.trim());
    const lead = part.match(/^\s*/)?.[0] ?? "";
    const tail = part.match(/\s*$/)?.[0] ?? "";
    return `${lead}${text}${tail}`;
  }
}

// The end of a sentence: . ! ? … followed by a space, or a line break.
function sentenceEnd(text: string): number {
  const m = /[.!?…](?=\s)|\n/.exec(text);
  return m ? m.index : -1;
}
