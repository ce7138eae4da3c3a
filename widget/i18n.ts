/**
 * The widget's texts in Turkish and English, and the formats it shows money and dates in.
 * @module
 */

/** A language the widget speaks. */
export type Lang = "tr" | "en";

const TR = {
  open: "Sohbeti aç",
  close: "Sohbeti kapat",
  title: "Asistan",
  online: "Yapay zekâ asistanı",
  person: "Bir yetkili yanıtlıyor",
  greeting: "Merhaba! Size nasıl yardımcı olabilirim?",
  kvkk: "Mesajlarınız, talebinizi yanıtlamak için işletme tarafından işlenir.",
  kvkkLink: "KVKK aydınlatma metni",
  placeholder: "Mesajınızı yazın…",
  send: "Gönder",
  you: "Siz",
  bot: "Asistan",
  staff: "Yetkili",
  staffTyping: "Yetkili yazıyor…",
  typing: "Yanıt yazılıyor",
  offline: "Bağlantı koptu, yeniden bağlanılıyor…",
  handover: "Sizi bir yetkiliye aktardık; yanıtı burada göreceksiniz.",
  failed: "Mesaj gönderilemedi. Lütfen tekrar deneyin.",
  suggestions: "Öneriler",
  booked: "Randevunuz oluşturuldu",
  service: "Hizmet",
  who: "Uzman",
  date: "Tarih",
  time: "Saat",
  price: "Ücret",
  code: "Onay kodu",
  calendar: "Takvime ekle",
  ordered: "Siparişiniz alındı",
  order: "Sipariş no",
  net: "Ara toplam (KDV hariç)",
  tax: "KDV",
  shipping: "Kargo",
  free: "Ücretsiz",
  total: "Toplam",
  pay: "Şimdi öde",
  today: "Bugün",
  tomorrow: "Yarın",
  book: " için randevu almak istiyorum",
  buy: " sipariş etmek istiyorum",
  new: "yeni mesaj",
};

/** Every text of the widget. */
export type Texts = typeof TR;

const EN: Texts = {
  open: "Open chat",
  close: "Close chat",
  title: "Assistant",
  online: "AI assistant",
  person: "A person is answering",
  greeting: "Hello! How can I help you?",
  kvkk: "Your messages are processed by the business to answer your request.",
  kvkkLink: "Privacy notice (KVKK)",
  placeholder: "Type your message…",
  send: "Send",
  you: "You",
  bot: "Assistant",
  staff: "Staff",
  staffTyping: "Staff member is typing…",
  typing: "Writing a reply",
  offline: "Connection lost, reconnecting…",
  handover: "We have passed you to a person; you will see their answer here.",
  failed: "The message could not be sent. Please try again.",
  suggestions: "Suggestions",
  booked: "Your appointment is booked",
  service: "Service",
  who: "With",
  date: "Date",
  time: "Time",
  price: "Price",
  code: "Confirmation code",
  calendar: "Add to calendar",
  ordered: "Your order is placed",
  order: "Order no",
  net: "Subtotal (excl. VAT)",
  tax: "VAT (KDV)",
  shipping: "Shipping",
  free: "Free",
  total: "Total",
  pay: "Pay now",
  today: "Today",
  tomorrow: "Tomorrow",
  book: "",
  buy: "",
  new: "new",
};

/** The texts of a language. */
export const texts = (lang: Lang): Texts => lang === "en" ? EN : TR;

/** The first of `candidates` that names Turkish or English; Turkish when none does. */
export function pickLang(candidates: (string | null | undefined)[]): Lang {
  for (const c of candidates) {
    const l = (c ?? "").toLowerCase();
    if (l.startsWith("tr")) return "tr";
    if (l.startsWith("en")) return "en";
  }
  return "tr";
}

const tag = (lang: Lang) => lang === "en" ? "en-GB" : "tr-TR";

/** An amount in Turkish lira: "₺1.234,50" in Turkish, "₺1,234.50" in English. */
export const money = (lang: Lang, n: unknown): string =>
  new Intl.NumberFormat(tag(lang), {
    style: "currency",
    currency: "TRY",
    currencyDisplay: "narrowSymbol",
  }).format(Number(n));

/** A YYYY-MM-DD date in words: "12 Mart 2026 Perşembe". */
export const longDate = (lang: Lang, date: string): string =>
  new Intl.DateTimeFormat(tag(lang), {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${date}T12:00:00Z`));

/** A YYYY-MM-DD date as a customer would say it: "Yarın", "14 Mart", "14 March". */
export function dayWords(lang: Lang, date: string, today: string): string {
  const t = texts(lang);
  if (date === today) return t.today;
  if (date === addDay(today)) return t.tomorrow;
  return new Intl.DateTimeFormat(tag(lang), { day: "numeric", month: "long", timeZone: "UTC" })
    .format(new Date(`${date}T12:00:00Z`));
}

/** The day after a YYYY-MM-DD date. */
export const addDay = (date: string): string =>
  new Date(Date.parse(`${date}T12:00:00Z`) + 864e5).toISOString().slice(0, 10);

/** Today's date (YYYY-MM-DD) in a time zone. */
export const todayIn = (tz: string, now = new Date()): string =>
  new Intl.DateTimeFormat("en-CA", { timeZone: tz }).format(now);

/** Minutes a time zone is ahead of UTC at `t`. */
function offset(t: number, tz: string): number {
  const p: Record<string, string> = {};
  for (
    const { type, value } of new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    }).formatToParts(t)
  ) p[type] = value;
  return (Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!) - t) / 6e4;
}

/** The instant of a wall-clock date and time in a time zone. */
export function zoned(date: string, time: string, tz: string): Date {
  const guess = Date.parse(`${date}T${time.slice(0, 5)}:00Z`);
  return new Date(guess - offset(guess, tz) * 6e4);
}
