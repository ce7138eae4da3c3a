/**
 * What a customer wants, from keyword and pattern rules over folded text (Turkish letters mapped
 * to ASCII, small typos of key words corrected first), with prompt-injection attempts as an intent
 * of their own so the assistant can refuse them politely.
 * @module
 */
import { detectLanguage, isAffirmative, isNegative, type Language } from "./entities.ts";
import { damerauLevenshtein } from "./fuzzy.ts";
import { fold, isInflectionOf } from "./text.ts";

/** The intents the offline assistant tells apart. */
export type Intent =
  | "greeting"
  | "thanks"
  | "goodbye"
  | "list_services"
  | "list_products"
  | "price"
  | "duration"
  | "availability"
  | "book"
  | "cancel"
  | "product_info"
  | "stock"
  | "order"
  | "order_status"
  | "total"
  | "hours"
  | "address"
  | "contact"
  | "handover"
  | "knowledge_question"
  | "affirm"
  | "deny"
  | "injection"
  | "unknown";

/** An intent with its score in [0, 1]. */
export interface IntentScore {
  /** The intent. */
  intent: Intent;
  /** How strongly the rules point to it. */
  score: number;
}

interface Rule {
  intent: Intent;
  pattern: RegExp;
  weight: number;
  language?: Language;
}

/**
 * One rule over folded text (ASCII, so `\b` is safe): each alternative starts at a word start and
 * ends at a word end; `~` in an alternative stands for any word characters (a suffix).
 */
function rule(
  intent: Intent,
  weight: number,
  language: Language | "any",
  alternatives: readonly string[],
): Rule {
  const source = alternatives.map((a) => `\\b(?:${a.replaceAll("~", "\\w*")})\\b`).join("|");
  return {
    intent,
    weight,
    pattern: new RegExp(source),
    language: language === "any" ? undefined : language,
  };
}

const RULES: readonly Rule[] = [
  rule("injection", 0.97, "en", [
    "ignore (?:all |any )?(?:of )?(?:the |your )?(?:previous|prior|above|earlier|your|all)\\b.*" +
    "\\b(?:instructions?|rules|prompts?|directions)",
    "forget (?:all |your |the )?(?:previous |prior |above )?(?:instructions|rules|prompt)~",
  ]),
  rule("injection", 0.97, "tr", [
    "(?:onceki|yukaridaki|butun|tum|eski|verilen )?(?:talimat|kural|komut|yonerge)~ " +
    "(?:unut|yok say|gormezden gel|iptal et|bosver|dikkate alma)~",
  ]),
  rule("injection", 0.95, "tr", ["sistem (?:prompt|mesaj|talimat|komut)~"]),
  rule("injection", 0.95, "en", ["system (?:prompt|message|instructions?)"]),
  rule("injection", 0.8, "any", ["prompt~"]),
  rule("injection", 0.95, "tr", ["sahibiyim", "sahibi benim", "yoneticiyim", "patronum ben"]),
  rule("injection", 0.95, "en", [
    "i(?:'m| am) the (?:owner|manager|admin|boss)",
    "i own (?:this|the)",
  ]),
  rule("injection", 0.95, "tr", [
    "indirim yap~",
    "fiyat~ (?:dusur|indir)~",
    "ucretsiz yap~",
    "bedava (?:yap|ver)~",
  ]),
  rule("injection", 0.95, "en", [
    "give me (?:a |an |some )?(?:discount|free)~",
    "make it (?:free|cheaper)",
    "lower the price",
  ]),
  rule("injection", 0.95, "tr", [
    "(?:baska|diger|tum|butun) (?:musteri|kisi|insan|danisan|hasta)~",
    "musteri(?:ler|lerin|lerinizin)? (?:listesi|bilgi|telefon|numara|adres)~",
    "numaralari(?:ni)? (?:ver|gonder|paylas|yaz|soyle)~",
  ]),
  rule("injection", 0.95, "en", [
    "(?:other|another|all) (?:customers?|clients?|patients?)",
    "customer (?:list|data|phone|records)~",
  ]),
  rule("injection", 0.9, "any", [
    "(?:developer|admin|yonetici|debug|gelistirici) mod~",
    "jailbreak~",
    "dan mode",
  ]),
  rule("injection", 0.9, "en", [
    "you are now",
    "act as",
    "pretend (?:to be|you)",
    "from now on you",
  ]),
  rule("injection", 0.9, "tr", ["rolunu unut~", "kurallarini unut~"]),

  rule("cancel", 0.9, "any", ["iptal~", "cancel~", "call off"]),
  rule("cancel", 0.75, "tr", ["gelemeyecegim", "gelemiyorum", "randevu~ sil~", "ertele~"]),
  rule("cancel", 0.6, "tr", ["vazgec~"]),

  rule("handover", 0.9, "tr", [
    "yetkili~",
    "canli (?:destek|temsilci|biri)~",
    "(?:musteri )?temsilci~",
    "gercek (?:bir )?(?:insan|kisi|biri)~",
    "insan(?:la|a)? (?:gorus|konus)~",
    "biri(?:y)?le (?:gorus|konus)~",
  ]),
  rule("handover", 0.85, "tr", [
    "operator~",
    "sahibi(?:yle|ne|ni)",
    "(?:mudur|personel)~ (?:gorus|konus|bagla)~",
    "bagla(?:r misiniz|yin|yabilir)~",
  ]),
  rule("handover", 0.9, "en", [
    "a human",
    "real person",
    "human being",
    "talk to (?:someone|somebody|a person|staff|the owner|a manager)",
    "speak (?:to|with) (?:someone|a person|staff|a human)",
    "(?:live|real) (?:agent|support|chat)",
    "representative",
  ]),

  rule("total", 0.9, "tr", [
    "toplam~",
    "tutar~",
    "hepsi (?:ne kadar|kac)",
    "hesap ne kadar",
    "kaca gel~",
    "kaca patla~",
  ]),
  rule("total", 0.9, "en", ["total~", "altogether", "in all", "come to"]),

  rule("duration", 0.88, "tr", [
    "ne kadar (?:sur|zaman al|vakit al)~",
    "kac (?:dakika|dakka|dk|saat) (?:sur|al)~",
    "kac (?:dakika|dakka)",
    "sur(?:er|uyor|uyo|ecek|mekte)",
    "suresi",
  ]),
  rule("duration", 0.88, "en", ["how long", "duration", "how many minutes"]),

  rule("price", 0.85, "tr", [
    "fiyat~",
    "ucret~",
    "kac (?:para|tl|lira)",
    "kaca",
    "pahali~",
    "ucuz~",
  ]),
  rule("price", 0.6, "tr", ["ne kadar(?! (?:sur|zaman|vakit|bekle|uzak|acik))"]),
  rule("price", 0.85, "en", ["how much(?! time)", "prices?", "costs?", "fees?", "charge"]),

  rule("availability", 0.82, "tr", [
    "musait~",
    "bos (?:yer|saat|gun|vakit|randevu|zaman)~",
    "bos mu(?:sunuz)?",
    "yer(?:iniz)? var mi",
    "uygun (?:bir )?(?:saat|zaman|gun|vakit)~",
    "ne zaman (?:uygun|musait|gelebilirim|gelebiliriz)",
    "hangi (?:saat|gun)~",
  ]),
  rule("availability", 0.82, "en", [
    "availab~",
    "free (?:slots?|time)",
    "(?:any|open) (?:slots?|openings?)",
    "when can i come",
    "openings",
  ]),

  rule("book", 0.85, "tr", [
    "randevu~ (?:al|olustur|ayarla|ayir|ver|yap|istiyorum|isterim|rica|lazim|talep)~",
    "rezervasyon~",
    "(?:yer )?ayirt~",
    "kayit (?:ol|yap)~",
    "beni (?:yaz|kaydet)~",
  ]),
  rule("book", 0.55, "tr", ["randevu"]),
  rule("book", 0.85, "en", ["book~", "make an appointment", "schedule", "reserv~"]),
  rule("book", 0.6, "en", ["appointment"]),

  rule("product_info", 0.8, "tr", [
    "icerig~",
    "icindekiler~",
    "icinde ne var",
    "nasil kullan~",
    "kullanim~",
    "ne ise yar(?:ar|iyor)~",
    "ozellik~",
    "hangi cilt tip~",
    "hakkinda bilgi",
    "marka~",
    "kac (?:ml|gr|gram|litre)",
    "kac seans",
    "ne(?:ler)? yapil~",
    "acit~",
    "agrili m~",
    "agri (?:olur|yapar)~",
    "can(?:im)? yanar~",
  ]),
  rule("product_info", 0.8, "en", [
    "ingredients?",
    "how (?:do i|to|should i) use",
    "what(?: is|'s) in",
    "details (?:about|of)",
    "tell me (?:more )?about",
    "brand",
    "how many (?:sessions|visits)",
    "what (?:do you do|happens) (?:in|during|at)",
    "hurts?",
    "painful",
  ]),

  rule("stock", 0.85, "tr", [
    "stok~",
    "kaldi mi",
    "mevcut mu",
    "elinizde (?:var|kaldi)~",
    "tukendi mi",
    "bitti mi",
  ]),
  rule("stock", 0.45, "tr", [
    "(?<!\\b(?:indirim|kampanya|park|otopark|yer|yeriniz|randevu|bos|musaitlik|sorun|problem" +
    "|soru|wifi|kart|taksit)\\w* )var mi",
  ]),
  // "Mama satıyor musunuz?": whether a product is sold, which its stock answers.
  rule("stock", 0.45, "tr", ["satiyor mu~", "satis~ (?:var|yap)~", "sat(?:ar|ilir) mi~"]),
  rule("stock", 0.85, "en", ["in stock", "out of stock", "sold out"]),
  rule("stock", 0.55, "en", ["do you (?:have|sell)"]),

  rule("order", 0.82, "tr", [
    "siparis~",
    "satin al~",
    "sepet~",
    "kargo~",
    "gonder(?:ir|ebilir) misiniz",
  ]),
  rule("order", 0.75, "tr", [
    "(?<!\\b(?:randevu|rezervasyon|bilgi|yer)\\w* )" +
    "(?:almak istiyorum|alabilir miyim|alayim|alacagim|alirim|almak isterim" +
    "|alicam|alcam|alacam|alicaz|alacaz|aliyim|alsam|alsak)",
  ]),
  rule("order_status", 0.9, "tr", [
    "siparis\\w* (?:ne durumda|nerede|nerde|ne oldu|ne asamada|hazir mi|hazirlandi mi|geldi mi" +
    "|ne zaman gel~|kargoya veril~|kargolandi mi|yola cikti mi|durum~)",
    "kargo\\w* (?:nerede|nerde|ne durumda|ne zaman gel~|geldi mi|takip~)",
    "siparis takip~",
  ]),
  rule("order_status", 0.9, "en", [
    "(?:status|state) of (?:my|the) order",
    "order status",
    "where(?:'s| is) my (?:order|package|parcel)",
    "(?:has|did) my order (?:ship|shipped|arrive|arrived|been shipped|been sent)",
    "when will my order (?:arrive|ship|be ready|come)",
    "is my order (?:ready|on its way|shipped)",
  ]),
  rule("order", 0.82, "en", [
    "buy~",
    "purchase~",
    "order~",
    "i'?ll take",
    "i will take",
    "add to (?:the )?cart",
  ]),

  rule("hours", 0.88, "tr", [
    "kacta (?:acil|kapan|acik)~",
    "kac(?:ta|a kadar) calis~",
    "kaca kadar (?:acik|calis)~",
    "calisma (?:saat|gun)~",
    "acik mi(?:siniz)?",
    "acik misiniz",
    "acilis~",
    "kapanis~",
    "mesai~",
    "hangi gunler acik~",
    "(?:ne zaman|kacta|saat kacta|kaca kadar) (?:acik|acil|kapan|calis)~",
    "aciksiniz",
    "aciliyor~",
    "kapaniyor~",
  ]),
  rule("hours", 0.88, "en", [
    "opening hours",
    "business hours",
    "when do you (?:open|close)",
    "are you open",
    "what time do you (?:open|close)",
    "hours",
    "open (?:on|today|tomorrow)",
  ]),

  rule("address", 0.86, "tr", [
    "adres~",
    "nerede~",
    "nerde~",
    "konum~",
    "yol tarif~",
    "nasil gel(?:irim|ebilirim|eceg)~",
    "harita~",
    "lokasyon~",
    "hangi semt~",
  ]),
  rule("address", 0.86, "en", [
    "where are you",
    "where is",
    "location",
    "directions?",
    "address",
    "how do i get there",
  ]),

  rule("contact", 0.8, "tr", [
    "telefon~",
    "numara(?:niz|nizi)",
    "iletisim~",
    "e ?posta~",
    "mail~",
    "whatsapp",
    "araya(?:bilir|yim)~",
    "nasil ula~",
  ]),
  rule("contact", 0.8, "en", ["phone", "contact", "email", "call you", "reach you", "number"]),

  rule("list_services", 0.82, "tr", [
    "hizmetler~",
    "hizmetiniz~",
    "servisler~",
    "islemler~",
    "neler yapiyorsunuz",
    "ne (?:tur )?hizmet~",
    "hangi (?:hizmet|islem)~",
    "menu~",
  ]),
  // "Hangi tedavileri yapıyorsunuz?", "dersleriniz neler?": the whole list, whatever it is called.
  rule("list_services", 0.9, "tr", [
    "hangi (?:hizmet|islem|tedavi|uygulama|ders|seans)\\w* (?:var|yap|veri|sunu)~",
    "(?:hizmet|islem|tedavi|uygulama|ders|seans)ler(?:iniz)?\\w* (?:neler|nedir|ne)",
    "ne(?:ler)? yapiyorsunuz",
  ]),
  rule("list_services", 0.4, "tr", ["hizmet", "neler var"]),
  rule("list_services", 0.82, "en", [
    "services",
    "what do you (?:offer|do)",
    "treatments",
    "classes",
    "lessons",
    "what can i book",
  ]),
  rule("list_products", 0.82, "tr", [
    "urunler~",
    "urunleriniz~",
    "ne(?:ler)? satiyorsunuz",
    "katalog~",
  ]),
  rule("list_products", 0.4, "tr", ["urun", "neler var"]),
  rule("list_products", 0.82, "en", ["products", "what do you sell", "catalog~"]),

  rule("thanks", 0.85, "tr", ["tesekkur~", "sagol~", "sag ol~", "eyvallah", "mersi", "tsk~"]),
  rule("thanks", 0.85, "en", ["thanks?", "thank you", "thx", "cheers"]),
  rule("goodbye", 0.85, "tr", [
    "gorusuruz",
    "gorusmek uzere",
    "hosca ?kal~",
    "kendine iyi bak~",
    "bay bay",
    "iyi gunler dilerim",
  ]),
  rule("goodbye", 0.85, "en", ["bye", "goodbye", "see you", "have a (?:nice|good) day"]),
];

/** A message that opens with a greeting. */
const GREETING = new RegExp(
  "^(?:merhaba\\w*|mrb|mrhb|selam\\w*|slm|selamun aleykum|sa|gunaydin" +
    "|iyi (?:gunler|aksamlar|sabahlar)|hello|hi|hey|hiya|good (?:morning|afternoon|evening))\\b",
);

/** Words that make a message a question. */
const QUESTION = rule("knowledge_question", 0.4, "any", [
  "mi|mu|misiniz|musunuz|misin|musun|miyim|midir|mudur|nedir|nasil|neden|niye|nicin|ne zaman",
  "hangi|kim|ne demek",
  "what|how|why|when|which|who|is there|are there|do you|does|can i|can you|could you|is it",
]).pattern;

/** Key words whose small typos are corrected before the rules run ("randvu" → "randevu"). */
const KEY_WORDS = [
  "randevu",
  "rezervasyon",
  "fiyat",
  "ucret",
  "iptal",
  "musait",
  "adres",
  "telefon",
  "siparis",
  "hizmet",
  "yetkili",
  "toplam",
  "tesekkur",
  "merhaba",
  "calisma",
  "iletisim",
  "istiyorum",
  "appointment",
  "available",
  "cancel",
  "price",
  "address",
  "contact",
  "human",
  "discount",
  "instructions",
  "previous",
];

/** Replaces a misspelt key word, keeping its suffix ("randvumu" → "randevumu"). */
function correct(word: string): string {
  if (word.length < 4 || !/^[a-z]+$/.test(word)) return word;
  for (const key of KEY_WORDS) {
    if (word === key || word.startsWith(key) || word[0] !== key[0]) continue;
    const max = key.length >= 8 ? 2 : 1;
    for (let length = key.length - max; length <= key.length + max; length++) {
      if (length < 4 || length > word.length) continue;
      if (damerauLevenshtein(word.slice(0, length), key) > max) continue;
      const fixed = key + word.slice(length);
      if (fixed === key || isInflectionOf(fixed, key)) return fixed;
    }
  }
  return word;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * Ranks the intents a message expresses, best first, with scores in [0, 1], from keyword and
 * pattern rules in Turkish and English (rules of the other language than `locale` weigh slightly
 * less). A question no rule claims is `knowledge_question`; a message nothing claims is `unknown`.
 */
export function classify(text: string, locale?: Language): IntentScore[] {
  const language = locale ?? detectLanguage(text);
  const folded = fold(text).split(" ").filter(Boolean).map(correct).join(" ");
  const words = folded === "" ? 0 : folded.split(" ").length;
  const scores = new Map<Intent, { best: number; hits: number }>();
  const add = (intent: Intent, weight: number): void => {
    const seen = scores.get(intent);
    if (!seen) scores.set(intent, { best: weight, hits: 1 });
    else scores.set(intent, { best: Math.max(seen.best, weight), hits: seen.hits + 1 });
  };
  for (const r of RULES) {
    if (!r.pattern.test(folded)) continue;
    add(r.intent, r.language && r.language !== language ? r.weight * 0.95 : r.weight);
  }
  if (GREETING.test(folded)) add("greeting", words <= 3 ? 0.9 : 0.5);
  if (isAffirmative(text)) add("affirm", words <= 3 ? 0.85 : 0.5);
  if (isNegative(text)) add("deny", words <= 3 ? 0.85 : 0.45);
  if (text.includes("?") || QUESTION.test(folded)) add("knowledge_question", 0.4);
  if (scores.size === 0) return [{ intent: "unknown", score: 1 }];
  return [...scores.entries()]
    .map(([intent, { best, hits }]) => ({
      intent,
      score: round(Math.min(0.99, best + 0.03 * (hits - 1))),
    }))
    .sort((a, b) => b.score - a.score);
}

/** The best intent of a message (`classify(...)[0]`). */
export function topIntent(text: string, locale?: Language): Intent {
  return classify(text, locale)[0]?.intent ?? "unknown";
}
