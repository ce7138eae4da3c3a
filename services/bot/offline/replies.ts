/**
 * Everything the offline assistant says, in Turkish and in English: one catalog per language with
 * the same keys. Values in replies (prices, times, codes) come from tool results only; these
 * functions only put them into words. No sentence here claims a booking, a cancellation or an
 * order except those used after the tool call for it succeeded.
 * @module
 */
import type { PaymentMethod } from "./state.ts";
import type { Abuse } from "./understand.ts";
import { joinList, type Lang, money } from "./format.ts";

/** A line of an order summary. */
export interface SummaryLine {
  name: string;
  quantity: number;
  gross: number;
}

/** What a business offers: services to book, products to order. */
export interface Offers {
  services: boolean;
  products: boolean;
}

/** The phrases of one language. */
export interface Phrases {
  greeting(business: string): string;
  greetAgain: string;
  thanks: string;
  goodbye: string;
  /** What the assistant can help with, by what the business offers. */
  capabilities(offers: Offers): string;
  /** A booking asked of a business with nothing to book. */
  noBookings(offers: Offers): string;
  /** An order asked of a business with nothing to sell. */
  noOrders(offers: Offers): string;
  notUnderstood: string;
  notUnderstoodInFlow: string;
  refuse(kind: Abuse, offers: Offers): string;
  handoverDone: string;
  handoverFailed: string;
  offerHandover: string;
  offerSpecialist: string;
  toolFailed: string;
  okNothingDone: string;
  anythingElse: string;

  askService(names: string[]): string;
  askWhich(names: string[]): string;
  askDate(service: string): string;
  closedOn(day: string): string;
  offers(service: string, day: string, times: string[], staff?: string): string;
  wantedTaken(time: string, day: string, times: string[]): string;
  wantedTakenOtherDays(time: string, day: string, options: string[]): string;
  noSlotsThatDay(day: string, nextDay: string, times: string[]): string;
  nextFreeDay(day: string, times: string[]): string;
  noSlotsSoon(service: string): string;
  earliestFree(service: string, day: string, time: string): string;
  staffNotEligible(staff: string, service: string): string;
  staffOffDay(staff: string, weekday: string, days: string[]): string;
  serviceOffDay(service: string, weekday: string, staff: string[], days: string[]): string;
  staffSchedule(staff: string, schedule: string): string;
  staffWorksOn(staff: string, day: string, hours: string): string;
  staffOnDay(day: string, entries: string[]): string;
  noStaffOnDay(day: string): string;
  staffSchedules(entries: string[]): string;
  held(service: string, when: string, staff?: string): string;
  askContact: string;
  askContactOrder: string;
  askName: string;
  askPhone: string;
  badPhone: string;
  bookingSummary(
    x: {
      service: string;
      when: string;
      staff?: string;
      name: string;
      phone: string;
      price?: string;
      /** The appointment this one replaces, cancelled once this one is booked. */
      replaces?: { code: string; when: string };
      /** Which person of a party this appointment is for (from 1). */
      person?: number;
    },
  ): string;
  booked(
    x: { service: string; when: string; staff?: string | null; code: string },
  ): string;
  slotGone(options: string[]): string;
  bookingAborted: string;
  askTimeAgain(times: string[]): string;
  proposeBooking(service: string): string;

  askCancelDetails: string;
  reschedule: string;
  askMoveDetails: string;
  moveFound(code: string, service: string, when: string): string;
  moveAborted(code: string): string;
  oldCancelled(code: string, service: string, when: string): string;
  oldNotCancelled(code: string): string;
  oldNotCancelledReason(code: string): string;
  noCode: string;
  oneAtATime(first: string, second: string): string;
  onePerPerson(people: number): string;
  proposeNextPerson(service: string, time: string): string;
  partyNote(person: number, size: number): string;
  bothInOne(first: string, second: string, both: string): string;
  askCancelCode: string;
  askCancelPhone: string;
  cancelNotFound: string;
  cancelNotFoundAgain: string;
  alreadyCancelled(code: string): string;
  confirmCancel(code: string, service: string, when: string): string;
  cancelled(service: string, when: string): string;
  cancelKept: string;
  cancelTooLate(hours: string): string;
  handoverLateCancel(hours: string): string;
  lateCancelReason(code: string, hours: string): string;

  servicesList(items: string[]): string;
  productsList(items: string[]): string;
  serviceLine(name: string, price: string, duration: string): string;
  productLine(name: string, price: string, inStock: boolean): string;
  servicePrice(name: string, price: string, duration: string): string;
  serviceDuration(name: string, duration: string): string;
  serviceDetails(
    name: string,
    description: string | null,
    price: string,
    duration: string,
    staff: string[],
  ): string;
  productPrice(name: string, price: string): string;
  productDetails(
    x: {
      name: string;
      description: string | null;
      price: string;
      brand: string | null;
      usage: string | null;
      inStock: boolean;
    },
  ): string;
  productBrand(name: string, brand: string): string;
  productSize(name: string, size: string): string;
  /** A description the business wrote only in the other language was left out. */
  onlyInOtherLanguage: string;
  /** Instructions for use the business wrote only in the other language, quoted as written. */
  usageInOtherLanguage(usage: string): string;
  inStock(name: string, count: number | null): string;
  inStockQuantity(name: string, quantity: number): string;
  outOfStock(name: string): string;
  notEnoughStock(name: string, available: number): string;
  proposeOrder(name: string): string;
  hours(text: string): string;
  closedDay(day: string): string;
  openDay(day: string, hours: string): string;
  address(address: string): string;
  contact(phone: string | null, email: string | null, website: string | null): string;
  noAddress: string;
  knowledge(snippet: string): string;
  knowledgeNote(snippet: string): string;
  knowledgeForeign(snippet: string): string;
  knowledgeMissing: string;
  knowledgeMissingOther: string;
  includes(name: string, description: string): string;
  team(names: string[]): string;

  askProduct(names: string[]): string;
  askQuantity(name: string): string;
  adjustToStock(name: string, available: number): string;
  removedOutOfStock(name: string): string;
  askDelivery: string;
  askAddress: string;
  askCity: string;
  askPayment(options: string[]): string;
  /** The method asked for is not taken; `only` is the one that is, when one is left. */
  /** The way to pay asked for is not taken here ("cash" on a shipped order: cash on delivery). */
  paymentNotAccepted(
    delivery: "shipping" | "pickup",
    only: string | null,
    asked: PaymentMethod,
  ): string;
  noShipping: string;
  quantityChanged(name: string, quantity: number): string;
  /** A product taken out of the order. */
  itemRemoved(name: string): string;
  /** The status of an order placed in this conversation, with a person offered. */
  orderReceived(number: string, total: string, delivery: "shipping" | "pickup"): string;
  /** The shipping fee (null: free), from what order on it is free, and pick-up at the address. */
  shippingFee(fee: string | null, freeFrom: string | null, address: string | null): string;
  /** The IBAN asked for before the order is placed. */
  ibanWithOrder: string;
  /** A price asked for in another currency: prices are only in lira, never converted. */
  liraOnly: string;
  /** An order status asked for with no order placed here. */
  orderStatusUnknown: string;
  tookOne(name: string): string;
  orderSummary(
    x: {
      lines: SummaryLine[];
      delivery: "shipping" | "pickup";
      shipping: number;
      total: number;
      payment: string;
      name: string;
      phone: string;
      address?: string;
    },
  ): string;
  ordered(number: string, total: string): string;
  paymentLink(link: string): string;
  paymentInstructions(text: string): string;
  orderAborted: string;
  emptyCart: string;
  cartTotal(
    lines: string[],
    total: string,
    delivery: "shipping" | "pickup" | null,
    /** The shipping fee; null when shipping is free. */
    shipping: string | null,
  ): string;
  /** Payment methods as named in a summary. */
  payments: Record<string, string>;
  /** Payment methods as offered in a question. */
  paymentOptions: Record<string, string>;
}

/** The one way left to pay, as "yalnızca …" / "only …" says it. */
const ONLY_WAY: Record<Lang, Record<string, string>> = {
  tr: { card: "kartla online", bank_transfer: "havale/EFT ile", pay_at_shop: "teslim alırken" },
  en: {
    card: "online by card",
    bank_transfer: "by bank transfer",
    pay_at_shop: "when you pick it up",
  },
};

/** What a business can be asked about, by what it offers: "Randevu, hizmetler, ürünler ve siparişler". */
function topicsTr(offers: Offers): string {
  const topics = [
    ...(offers.services ? ["randevu", "hizmetler"] : []),
    ...(offers.products ? ["ürünler", "siparişler"] : []),
  ];
  const list = joinList(topics.length ? topics : ["çalışma saatleri", "iletişim bilgileri"], "tr");
  return list.slice(0, 1).toLocaleUpperCase("tr-TR") + list.slice(1);
}

/** What a business can be asked about, in English: "appointments, services, products and orders". */
function topicsEn(offers: Offers): string {
  const topics = [
    ...(offers.services ? ["appointments", "services"] : []),
    ...(offers.products ? ["products", "orders"] : []),
  ];
  return joinList(topics.length ? topics : ["opening hours", "contact details"], "en");
}

const TR: Phrases = {
  greeting: (business) => `Merhaba! ${business} asistanıyım. Size nasıl yardımcı olabilirim?`,
  greetAgain: "Merhaba! Size nasıl yardımcı olabilirim?",
  thanks: "Rica ederim! Başka bir konuda yardımcı olabilir miyim?",
  goodbye: "İyi günler dilerim, görüşmek üzere!",
  capabilities: (offers) =>
    `Size şu konularda yardımcı olabilirim: ${
      [
        ...(offers.services ? ["hizmetlerimiz ve fiyatları", "randevu alma ve iptal"] : []),
        ...(offers.products ? ["ürünlerimiz ve fiyatları", "sipariş"] : []),
        "çalışma saatleri",
        "adres ve iletişim bilgileri",
      ].join(", ")
    }. İsterseniz sizi bir yetkiliye de aktarabilirim.`,
  noBookings: (offers) =>
    offers.products
      ? "Randevuyla verdiğimiz bir hizmet yok. Ürünlerimiz hakkında bilgi verebilir, siparişinizi alabilirim."
      : "Randevuyla verdiğimiz bir hizmet yok. İsterseniz sizi bir yetkiliye aktarabilirim.",
  noOrders: (offers) =>
    offers.services
      ? "Satışını yaptığımız bir ürün yok. Hizmetlerimiz hakkında bilgi verebilir, randevunuzu alabilirim."
      : "Satışını yaptığımız bir ürün yok. İsterseniz sizi bir yetkiliye aktarabilirim.",
  notUnderstood: "Üzgünüm, bunu tam anlayamadım.",
  notUnderstoodInFlow: "Üzgünüm, bunu tam anlayamadım.",
  refuse: (kind, offers) =>
    ({
      others_data:
        "Üzgünüm, başka müşterilerimizin randevu, telefon veya diğer bilgilerini paylaşamam. Kendi randevunuzla ilgili yardımcı olabilirim: onay kodunuz ve telefon numaranızla bakabilirim.",
      prompt: `Üzgünüm, iç talimatlarımı ve sistem bilgilerini paylaşamam. ${
        topicsTr(offers)
      } konusunda memnuniyetle yardımcı olurum.`,
      discount:
        "Üzgünüm, fiyatları değiştiremem ve indirim tanımlayamam; fiyatlar işletmenin belirlediği gibidir. İsterseniz güncel fiyatları paylaşabilirim.",
      owner:
        "Bu sohbetten işletme yönetimi yapılamıyor ve kimlik doğrulayamıyorum; işletme sahibiyseniz lütfen yönetim panelini kullanın. Müşteri olarak size memnuniyetle yardımcı olurum.",
      generic: `Üzgünüm, bu isteği yerine getiremem. ${
        topicsTr(offers)
      } konusunda yardımcı olabilirim.`,
    })[kind],
  handoverDone: "Sizi bir yetkiliye aktarıyorum; en kısa sürede buradan size yanıt verecek.",
  handoverFailed:
    "Şu anda sizi bir yetkiliye aktaramadım; lütfen işletmeyi telefonla arayın ya da biraz sonra tekrar deneyin.",
  offerHandover: "İsterseniz sizi bir yetkiliye aktarabilirim.",
  offerSpecialist:
    "Uzmanlarımızdan biriyle görüşmeniz için size randevu ayarlayabilirim ya da sizi şimdi bir yetkiliye aktarabilirim. Hangisini istersiniz?",
  toolFailed:
    "Üzgünüm, şu anda bu işlemi tamamlayamadım. Biraz sonra tekrar deneyebilir ya da bir yetkiliyle görüşebilirsiniz.",
  okNothingDone: "Peki, herhangi bir işlem yapmadım.",
  anythingElse: "Başka bir konuda yardımcı olabilir miyim?",

  askService: (names) =>
    `Hangi hizmet için randevu istersiniz? Hizmetlerimiz: ${names.join(", ")}.`,
  askWhich: (names) => `Hangisini kastettiniz: ${names.join(", ")}?`,
  askDate: (service) => `${service} için hangi gün gelmek istersiniz?`,
  closedOn: (day) => `${day} günü kapalıyız.`,
  offers: (service, day, times, staff) =>
    `${day} ${service} için${staff ? ` ${staff} ile` : ""} boş saatler: ${
      joinList(times, "tr")
    }. Hangisi size uygun?`,
  wantedTaken: (time, day, times) =>
    `${day} ${time} için boş yerimiz yok. En yakın boş saatler: ${
      joinList(times, "tr")
    }. Hangisi size uygun?`,
  wantedTakenOtherDays: (time, day, options) =>
    `${day} ${time} için yer yok. En yakın seçenekler: ${
      joinList(options, "tr")
    }. Hangisi size uygun?`,
  noSlotsThatDay: (day, nextDay, times) =>
    `${day} boş yerimiz yok. En yakın boş gün ${nextDay}: ${
      joinList(times, "tr")
    }. Hangisi size uygun?`,
  nextFreeDay: (day, times) =>
    `En yakın boş gün ${day}: ${joinList(times, "tr")}. Hangisi size uygun?`,
  earliestFree: (service, day, time) =>
    `${service} için en erken boş saatimiz ${day} ${time}. Bu saat size uygun mu?`,
  noSlotsSoon: (service) =>
    `Üzgünüm, önümüzdeki günlerde ${service} için boş yer bulamadım. İsterseniz sizi bir yetkiliye aktarabilirim.`,
  staffNotEligible: (staff, service) =>
    `${staff} ${service} hizmetini vermiyor; diğer uzmanlarımızın boş saatlerine bakıyorum.`,
  staffOffDay: (staff, weekday, days) =>
    `${staff} ${weekday} günleri çalışmıyor; çalıştığı günler: ${joinList(days, "tr")}.`,
  serviceOffDay: (service, weekday, staff, days) =>
    `${weekday} günleri ${service} yapılmıyor; bu hizmeti ${joinList(staff, "tr")} veriyor (${
      joinList(days, "tr")
    } günleri).`,
  staffSchedule: (staff, schedule) => `${staff} çalışma saatleri: ${schedule}.`,
  staffWorksOn: (staff, day, hours) =>
    `Evet, ${staff} ${day} ${hours} saatleri arasında çalışıyor.`,
  staffOnDay: (day, entries) => `${day} çalışanlarımız: ${joinList(entries, "tr")}.`,
  noStaffOnDay: (day) => `Üzgünüm, ${day} çalışan kimse yok.`,
  staffSchedules: (entries) => `Ekibimizin çalışma saatleri: ${entries.join("; ")}.`,
  held: (service, when, staff) =>
    `${when} saatini ${service} için birkaç dakikalığına sizin adınıza ayırdım${
      staff ? ` (${staff})` : ""
    }.`,
  askContact: "Randevuyu tamamlamak için adınızı ve telefon numaranızı yazar mısınız?",
  askContactOrder: "Siparişi tamamlamak için adınızı ve telefon numaranızı yazar mısınız?",
  askName: "Adınızı ve soyadınızı yazar mısınız?",
  askPhone: "Telefon numaranızı da yazar mısınız? (örneğin 0532 123 45 67)",
  badPhone: "Bu telefon numarası geçerli görünmüyor. 0532 123 45 67 biçiminde yazar mısınız?",
  bookingSummary: (x) =>
    `Randevu özeti${x.person ? ` (${x.person}. kişi)` : ""}: ${x.service}, ${x.when}${
      x.staff ? `, ${x.staff} ile` : ""
    }. Ad: ${x.name}, telefon: ${x.phone}.${x.price ? ` Ücret: ${x.price}.` : ""}${
      x.replaces
        ? ` Onaylarsanız önce bu randevuyu oluşturacağım, ardından ${x.replaces.code} kodlu ${x.replaces.when} randevunuzu iptal edeceğim.`
        : ""
    } Onaylıyor musunuz?`,
  booked: (x) =>
    `Randevunuz oluşturuldu: ${x.service}, ${x.when}${
      x.staff ? `, ${x.staff} ile` : ""
    }. Onay kodunuz: ${x.code}. İptal veya değişiklik için bu kodu saklayın.`,
  slotGone: (options) =>
    `Üzgünüm, bu saat az önce doldu. En yakın boş seçenekler: ${
      joinList(options, "tr")
    }. Hangisi size uygun?`,
  bookingAborted: "Peki, randevu oluşturmadım. Başka bir gün ya da saat ister misiniz?",
  askTimeAgain: (times) => `Hangi saat uygun? Boş saatler: ${joinList(times, "tr")}.`,
  proposeBooking: (service) => `${service} için randevu almak ister misiniz?`,

  reschedule:
    "Randevunuzu değiştirmek için önce yeni saatinizi ayırıp yeni randevuyu oluşturacağım, ardından eski randevunuzu iptal edeceğim; böylece yerinizi kaybetmezsiniz.",
  askMoveDetails:
    "Randevunuzu bulmam için onay kodunu ve randevuyu aldığınız telefon numarasını yazar mısınız?",
  moveFound: (code, service, when) => `${code} kodlu randevunuzu buldum: ${service}, ${when}.`,
  moveAborted: (code) =>
    `Peki, yeni randevu oluşturmadım; ${code} kodlu randevunuz olduğu gibi duruyor.`,
  oldCancelled: (code, service, when) =>
    `Eski randevunuz (${code}: ${service}, ${when}) iptal edildi.`,
  oldNotCancelled: (code) =>
    `Yeni randevunuz oluşturuldu ancak ${code} kodlu eski randevunuzu iptal edemedim; şu an iki randevunuz var. İsterseniz sizi bir yetkiliye aktarabilirim.`,
  oldNotCancelledReason: (code) => `Randevu değişikliği: ${code} kodlu eski randevunun iptali`,
  noCode:
    "Onay kodunuz randevuyu aldığınızda SMS ile gönderildi. Kodu bulamazsanız sizi bir yetkiliye aktarabilirim.",
  onePerPerson: (people) =>
    `Randevuları kişi başı tek tek alıyorum: önce ilk kişinin randevusunu oluşturalım, hemen ardından ${
      people > 2 ? "diğer kişiler" : "ikinci kişi"
    } için de randevu alalım.`,
  partyNote: (person, size) => `Birlikte gelen ${size} kişiden ${person}. kişinin randevusu.`,
  proposeNextPerson: (service, time) =>
    `Şimdi sıradaki kişi için ${service} randevusu alalım. Aynı saate (${time}) bakayım mı?`,
  oneAtATime: (first, second) =>
    `Randevuları tek tek alalım: önce ${first}, ardından ${second} için de yardımcı olurum.`,
  bothInOne: (first, second, both) =>
    `${first} ve ${second} birlikte ${both} hizmetimizle yapılıyor; onunla devam ediyorum.`,
  askCancelDetails:
    "İptal için randevunuzun onay kodunu ve randevuyu aldığınız telefon numarasını yazar mısınız?",
  askCancelCode: "Randevunuzun 6 haneli onay kodunu yazar mısınız?",
  askCancelPhone: "Randevuyu aldığınız telefon numarasını yazar mısınız?",
  cancelNotFound:
    "Bu onay kodu ve telefon numarasıyla eşleşen bir randevu bulamadım. Bilgileri kontrol edip tekrar yazar mısınız?",
  cancelNotFoundAgain:
    "Bu bilgilerle eşleşen bir randevu yine bulamadım. İsterseniz sizi bir yetkiliye aktarabilirim.",
  alreadyCancelled: (code) => `${code} kodlu randevu zaten iptal durumda.`,
  confirmCancel: (code, service, when) =>
    `${code} kodlu randevu: ${service}, ${when}. Bu randevuyu iptal etmemi onaylıyor musunuz?`,
  cancelled: (service, when) => `Randevunuz iptal edildi: ${service}, ${when}.`,
  cancelKept: "Peki, randevunuza dokunmadım; olduğu gibi duruyor.",
  cancelTooLate: (hours) =>
    `Randevunuza ${hours} saatten az kaldığı için buradan iptal edemiyorum. İsterseniz sizi bir yetkiliye aktarabilirim.`,
  handoverLateCancel: (hours) =>
    `Sizi bir yetkiliye aktarıyorum; ${hours} saatten az kalan randevunuzun iptal talebiyle ilgilenip en kısa sürede buradan size yanıt verecek.`,
  lateCancelReason: (code, hours) => `${code} kodlu randevunun iptali (${hours} saatten az kaldı)`,

  servicesList: (items) => `Hizmetlerimiz: ${items.join("; ")}.`,
  productsList: (items) => `Ürünlerimiz: ${items.join("; ")}.`,
  serviceLine: (name, price, duration) => `${name} (${duration}, ${price})`,
  productLine: (name, price, inStock) => `${name} (${price}${inStock ? "" : ", şu an stokta yok"})`,
  servicePrice: (name, price, duration) => `${name} ücreti ${price}; yaklaşık ${duration} sürüyor.`,
  serviceDuration: (name, duration) => `${name} yaklaşık ${duration} sürüyor.`,
  serviceDetails: (name, description, price, duration, staff) =>
    `${name}: ${description ? `${description} ` : ""}Ücret ${price}, süre yaklaşık ${duration}.${
      staff.length ? ` Uzmanlarımız: ${joinList(staff, "tr")}.` : ""
    }`,
  productPrice: (name, price) => `${name} fiyatı ${price} (KDV dahil).`,
  productDetails: (x) =>
    `${x.name}: ${x.description ? `${x.description} ` : ""}${x.brand ? `Marka: ${x.brand}. ` : ""}${
      x.usage ? `Kullanım: ${x.usage} ` : ""
    }Fiyat: ${x.price} (KDV dahil). ${x.inStock ? "Stokta var." : "Şu an stokta yok."}`,
  productBrand: (name, brand) => `${name} markası: ${brand}.`,
  productSize: (name, size) => `${name}: ${size}.`,
  onlyInOtherLanguage: "Ayrıntılı açıklaması yalnızca İngilizce olarak mevcut.",
  usageInOtherLanguage: (usage) => `Kullanım talimatı (yalnızca İngilizce yazılmış): "${usage}"`,
  inStock: (name, count) =>
    count === null ? `${name} stokta var.` : `${name} stokta var (${count} adet).`,
  inStockQuantity: (name, quantity) => `${name} için ${quantity} adet stokta mevcut.`,
  outOfStock: (name) => `Üzgünüm, ${name} şu an stokta yok.`,
  notEnoughStock: (name, available) => `${name} için stokta yalnızca ${available} adet var.`,
  proposeOrder: (name) => `${name} sipariş etmek ister misiniz?`,
  hours: (text) => `Çalışma saatlerimiz: ${text}.`,
  closedDay: (day) => `${day} günü kapalıyız.`,
  openDay: (day, hours) => `${day} günü ${hours} saatleri arasında açığız.`,
  address: (address) => `Adresimiz: ${address}.`,
  contact: (phone, email, website) =>
    [
      phone ? `Telefon numaramız ${phone}.` : "",
      email ? `E-posta adresimiz ${email}.` : "",
      website ? `Web sitemiz: ${website}` : "",
    ].filter(Boolean).join(" "),
  noAddress: "Adres bilgimiz sistemde kayıtlı değil; işletmeyi telefonla arayabilirsiniz.",
  knowledge: (snippet) => `Web sitemizde bu konuda şöyle yazıyor: ${snippet}`,
  knowledgeNote: (snippet) => `Bu konuda şunu söyleyebilirim: ${snippet}`,
  knowledgeForeign: (snippet) => `Bu konuda elimdeki bilgi (İngilizce): ${snippet}`,
  knowledgeMissing:
    "Üzgünüm, bu konuda elimde bir bilgi yok. İsterseniz sizi bir yetkiliye aktarabilirim.",
  knowledgeMissingOther:
    "Diğer sorunuzla ilgili elimde bilgi yok; isterseniz sizi bir yetkiliye aktarabilirim.",
  includes: (name, description) => `${name} için açıklamamız: ${description}`,
  team: (names) => `Ekibimiz: ${joinList(names, "tr")}.`,

  askProduct: (names) => `Hangi ürünü istersiniz? Ürünlerimiz: ${names.join(", ")}.`,
  askQuantity: (name) => `${name} için kaç adet istersiniz?`,
  adjustToStock: (name, available) =>
    `${name} için stokta yalnızca ${available} adet var. ${available} adet olarak devam edelim mi?`,
  removedOutOfStock: (name) => `${name} şu an stokta olmadığı için siparişe ekleyemedim.`,
  askDelivery: "Ürünleri kargoyla mı gönderelim, yoksa işletmemizden mi teslim alırsınız?",
  askAddress: "Teslimat adresinizi yazar mısınız? (sokak/cadde, numara, ilçe ve il)",
  askCity: "Adresin ilçe ve ilini de yazar mısınız?",
  askPayment: (options) => `Nasıl ödemek istersiniz: ${joinList(options, "tr", true)}?`,
  paymentNotAccepted: (delivery, only, asked) =>
    `${delivery === "shipping" && asked === "cash" ? "Kapıda ödeme seçeneğimiz yok. " : ""}${
      delivery === "shipping" ? "Kargo siparişlerinde" : "Bu siparişte"
    } ${
      only
        ? `ödemeyi yalnızca ${ONLY_WAY.tr[only] ?? only} alabiliyoruz.`
        : "bu ödeme yöntemini kullanamıyoruz."
    }`,
  noShipping: "Kargo ile gönderim yapmıyoruz; ürünleri işletmemizden teslim alabilirsiniz.",
  quantityChanged: (name, quantity) => `Tamam, ${name} ${quantity} adet olarak güncellendi.`,
  itemRemoved: (name) => `Tamam, ${name} siparişten çıkarıldı.`,
  orderReceived: (number, total, delivery) =>
    `${number} numaralı siparişinizi aldık (toplam ${total}). ${
      delivery === "shipping" ? "Kargoya verildiğinde" : "Teslim almaya hazır olduğunda"
    } işletmemiz size haber verecek. Daha ayrıntılı bilgi için sizi bir yetkiliye bağlayabilirim; ister misiniz?`,
  shippingFee: (fee, freeFrom, address) =>
    `${fee ? `Kargo ücreti ${fee}` : "Kargo ücretsiz"}${
      freeFrom ? `; ${freeFrom} ve üzeri siparişlerde kargo ücretsiz` : ""
    }. Dilerseniz ürünleri ${
      address ? `işletmemizden (${address})` : "işletmemizden"
    } kargo ücreti ödemeden teslim alabilirsiniz.`,
  liraOnly:
    "Fiyatlarımız yalnızca Türk lirası (₺) olarak belirlenir; başka bir para birimine çeviremiyorum.",
  ibanWithOrder:
    "IBAN bilgimizi, siparişinizi onayladığınızda ödeme bilgisiyle birlikte ileteceğim.",
  orderStatusUnknown:
    "Sipariş durumunu buradan göremiyorum. Sizi bir yetkiliye bağlayabilirim; ister misiniz?",
  tookOne: (name) => `${name} için 1 adet yazdım; farklı bir adet isterseniz yazmanız yeterli.`,
  orderSummary: (x) =>
    `Sipariş özeti: ${
      x.lines.map((l) => `${l.quantity} × ${l.name} (${money(l.gross, "tr")})`).join(", ")
    }. Teslimat: ${x.delivery === "pickup" ? "işletmemizden teslim alma" : `kargo (${x.address})`}${
      x.delivery === "shipping"
        ? x.shipping > 0 ? `, kargo ücreti ${money(x.shipping, "tr")}` : ", kargo ücretsiz"
        : ""
    }. Toplam: ${
      money(x.total, "tr")
    } (KDV dahil). Ödeme: ${x.payment}. Ad: ${x.name}, telefon: ${x.phone}. Onaylıyor musunuz?`,
  ordered: (number, total) =>
    `Siparişiniz alındı. Sipariş numaranız: ${number}. Toplam tutar: ${total}.`,
  paymentLink: (link) => `Ödemenizi şu linkten yapabilirsiniz: ${link}`,
  paymentInstructions: (text) => `Ödeme bilgisi: ${text}`,
  orderAborted: "Peki, sipariş oluşturmadım. Başka bir şey ister misiniz?",
  emptyCart: "Henüz sepetinizde ürün yok. Hangi ürünü istersiniz?",
  cartTotal: (lines, total, delivery, shipping) =>
    `${lines.join(", ")}. ${
      delivery === "shipping" ? `Kargo: ${shipping ?? "ücretsiz"}. ` : ""
    }Toplam: ${total} (KDV dahil${
      delivery === null ? "; kargoyla gönderimde kargo ücreti eklenebilir" : ""
    }).`,
  payments: {
    card: "kartla online ödeme",
    credit_card: "kartla online ödeme",
    online: "kartla online ödeme",
    bank_transfer: "havale/EFT",
    cash: "nakit",
    pay_at_shop: "teslim alırken ödeme",
  },
  paymentOptions: {
    card: "kartla online (size ödeme linki gönderirim)",
    bank_transfer: "havale/EFT",
    pay_at_shop: "teslim alırken ödeme",
  },
};

const EN: Phrases = {
  greeting: (business) => `Hello! I'm the assistant of ${business}. How can I help you?`,
  greetAgain: "Hello! How can I help you?",
  thanks: "You're welcome! Is there anything else I can help with?",
  goodbye: "Have a nice day, goodbye!",
  capabilities: (offers) =>
    `I can help with ${
      joinList(
        [
          ...(offers.services
            ? ["our services and prices", "booking or cancelling an appointment"]
            : []),
          ...(offers.products ? ["our products and prices", "orders"] : []),
          "opening hours",
          "address and contact details",
        ],
        "en",
      )
    }. I can also pass you to a person if you like.`,
  noBookings: (offers) =>
    offers.products
      ? "We don't take appointments: we have no services to book. I can tell you about our products and take your order."
      : "We don't take appointments: we have no services to book. I can pass you to a person if you like.",
  noOrders: (offers) =>
    offers.services
      ? "We don't sell any products. I can tell you about our services and book an appointment for you."
      : "We don't sell any products. I can pass you to a person if you like.",
  notUnderstood: "Sorry, I didn't quite understand that.",
  notUnderstoodInFlow: "Sorry, I didn't quite understand that.",
  refuse: (kind, offers) =>
    ({
      others_data:
        "Sorry, I can't share other customers' appointments, phone numbers or any of their details. I can help with your own appointment using your confirmation code and phone number.",
      prompt:
        `Sorry, I can't share my internal instructions or system details. I'm happy to help with ${
          topicsEn(offers)
        }.`,
      discount:
        "Sorry, I can't change prices or give discounts; prices are set by the business. I can tell you the current prices if you like.",
      owner:
        "I can't verify identities or manage the business from this chat; if you are the owner, please use the dashboard. I'm happy to help you as a customer.",
      generic: `Sorry, I can't do that. I can help with ${topicsEn(offers)}.`,
    })[kind],
  handoverDone: "I'm passing you to a member of our team; they will answer you here shortly.",
  handoverFailed:
    "I couldn't reach a person right now; please call the business or try again in a little while.",
  offerHandover: "I can pass you to a person if you like.",
  offerSpecialist:
    "I can book you an appointment with one of our specialists, or pass you to a person now. Which would you prefer?",
  toolFailed:
    "Sorry, I couldn't complete this right now. Please try again in a moment or ask for a person.",
  okNothingDone: "All right, I haven't done anything.",
  anythingElse: "Is there anything else I can help with?",

  askService: (names) => `Which service would you like to book? Our services: ${names.join(", ")}.`,
  askWhich: (names) => `Which one do you mean: ${names.join(", ")}?`,
  askDate: (service) => `Which day would you like to come for ${service}?`,
  closedOn: (day) => `We are closed on ${day}.`,
  offers: (service, day, times, staff) =>
    `Free times for ${service}${staff ? ` with ${staff}` : ""} ${day}: ${
      joinList(times, "en")
    }. Which one suits you?`,
  wantedTaken: (time, day, times) =>
    `We have nothing free at ${time} ${day}. The nearest free times are ${
      joinList(times, "en")
    }. Which one suits you?`,
  wantedTakenOtherDays: (time, day, options) =>
    `There is nothing free at ${time} ${day}. The nearest options are ${
      joinList(options, "en")
    }. Which one suits you?`,
  noSlotsThatDay: (day, nextDay, times) =>
    `We have nothing free ${day}. The nearest free times are ${nextDay}: ${
      joinList(times, "en")
    }. Which one suits you?`,
  nextFreeDay: (day, times) =>
    `The nearest free times are ${day}: ${joinList(times, "en")}. Which one suits you?`,
  earliestFree: (service, day, time) =>
    `The earliest free time for ${service} is ${day} at ${time}. Does that suit you?`,
  noSlotsSoon: (service) =>
    `Sorry, I couldn't find a free time for ${service} in the coming days. I can pass you to a person if you like.`,
  staffNotEligible: (staff, service) =>
    `${staff} doesn't do ${service}; I'm checking our other specialists.`,
  staffOffDay: (staff, weekday, days) =>
    `${staff} doesn't work on ${weekday}s; they work on ${joinList(days, "en")}.`,
  serviceOffDay: (service, weekday, staff, days) =>
    `${service} isn't done on ${weekday}s: ${joinList(staff, "en")} ${
      staff.length > 1 ? "do" : "does"
    } it, on ${joinList(days, "en")}.`,
  staffSchedule: (staff, schedule) => `${staff} works ${schedule}.`,
  staffWorksOn: (staff, day, hours) => `Yes, ${staff} works ${day}, ${hours}.`,
  staffOnDay: (day, entries) => `Working ${day}: ${joinList(entries, "en")}.`,
  noStaffOnDay: (day) => `Sorry, nobody is working ${day}.`,
  staffSchedules: (entries) => `Our team's hours: ${entries.join("; ")}.`,
  held: (service, when, staff) =>
    `I'm holding ${service} on ${when} for you for a few minutes${staff ? ` (${staff})` : ""}.`,
  askContact: "To complete the booking, could you give me your name and phone number?",
  askContactOrder: "To complete the order, could you give me your name and phone number?",
  askName: "Could you give me your full name?",
  askPhone: "Could you give me your phone number too? (for example 0532 123 45 67)",
  badPhone: "That phone number doesn't look valid. Could you write it like 0532 123 45 67?",
  bookingSummary: (x) =>
    `Here are the details${x.person ? ` (person ${x.person})` : ""}: ${x.service}, ${x.when}${
      x.staff ? ` with ${x.staff}` : ""
    }. Name: ${x.name}, phone: ${x.phone}.${x.price ? ` Price: ${x.price}.` : ""}${
      x.replaces
        ? ` If you confirm, I'll book this one first and then cancel your booking ${x.replaces.code} (${x.replaces.when}).`
        : ""
    } Shall I confirm it?`,
  booked: (x) =>
    `Your appointment is booked: ${x.service}, ${x.when}${
      x.staff ? ` with ${x.staff}` : ""
    }. Your confirmation code is ${x.code}. Please keep it in case you need to cancel or change.`,
  slotGone: (options) =>
    `Sorry, that time has just been taken. The nearest free options are ${
      joinList(options, "en")
    }. Which one suits you?`,
  bookingAborted: "All right, I haven't booked anything. Would you like another day or time?",
  askTimeAgain: (times) => `Which time suits you? Free times: ${joinList(times, "en")}.`,
  proposeBooking: (service) => `Would you like to book ${service}?`,

  reschedule:
    "To change your appointment, I'll book the new time first and then cancel the old one, so you never lose your place.",
  askMoveDetails:
    "To find your booking, please give me its confirmation code and the phone number you booked with.",
  moveFound: (code, service, when) => `I found your booking ${code}: ${service}, ${when}.`,
  moveAborted: (code) =>
    `All right, I haven't booked anything new; your booking ${code} stays as it is.`,
  oldCancelled: (code, service, when) =>
    `Your old appointment (${code}: ${service}, ${when}) has been cancelled.`,
  oldNotCancelled: (code) =>
    `Your new appointment is booked, but I couldn't cancel your old booking ${code}, so you have two appointments now. I can pass you to a person if you like.`,
  oldNotCancelledReason: (code) => `Rescheduling: cancel the old booking ${code}`,
  noCode:
    "Your confirmation code was sent by SMS when you booked. If you can't find it, I can pass you to a person.",
  onePerPerson: (people) =>
    `I book one appointment per person: let's book the first one now, then I'll book ${
      people > 2 ? "the others" : "the second one"
    } right after.`,
  partyNote: (person, size) => `Person ${person} of ${size} coming together.`,
  proposeNextPerson: (service, time) =>
    `Now the next person's ${service}: shall I check the same time (${time})?`,
  oneAtATime: (first, second) =>
    `Let's book them one at a time: first ${first}, then I'll help with ${second} too.`,
  bothInOne: (first, second, both) =>
    `${first} and ${second} together are our ${both} service; I'll go on with that.`,
  askCancelDetails:
    "To cancel, please give me your booking's confirmation code and the phone number you booked with.",
  askCancelCode: "Could you give me the 6-character confirmation code of your booking?",
  askCancelPhone: "Could you give me the phone number you booked with?",
  cancelNotFound:
    "I couldn't find a booking with that confirmation code and phone number. Could you check them and write them again?",
  cancelNotFoundAgain:
    "I still couldn't find a booking with those details. I can pass you to a person if you like.",
  alreadyCancelled: (code) => `The booking ${code} is already cancelled.`,
  confirmCancel: (code, service, when) =>
    `Booking ${code}: ${service}, ${when}. Do you want me to cancel it?`,
  cancelled: (service, when) => `Your appointment has been cancelled: ${service}, ${when}.`,
  cancelKept: "All right, I left your appointment as it is.",
  cancelTooLate: (hours) =>
    `Your appointment is less than ${hours} hours away, so I can't cancel it here. I can pass you to a person if you like.`,
  handoverLateCancel: (hours) =>
    `I'm passing you to a member of our team; they will take up the cancellation of your appointment less than ${hours} hours away and answer you here shortly.`,
  lateCancelReason: (code, hours) =>
    `Cancellation of booking ${code} (less than ${hours} hours left)`,

  servicesList: (items) => `Our services: ${items.join("; ")}.`,
  productsList: (items) => `Our products: ${items.join("; ")}.`,
  serviceLine: (name, price, duration) => `${name} (${duration}, ${price})`,
  productLine: (name, price, inStock) => `${name} (${price}${inStock ? "" : ", out of stock"})`,
  servicePrice: (name, price, duration) => `${name} costs ${price} and takes about ${duration}.`,
  serviceDuration: (name, duration) => `${name} takes about ${duration}.`,
  serviceDetails: (name, description, price, duration, staff) =>
    `${name}: ${description ? `${description} ` : ""}Price ${price}, about ${duration}.${
      staff.length ? ` Done by ${joinList(staff, "en")}.` : ""
    }`,
  productPrice: (name, price) => `${name} costs ${price} (VAT included).`,
  productDetails: (x) =>
    `${x.name}: ${x.description ? `${x.description} ` : ""}${x.brand ? `Brand: ${x.brand}. ` : ""}${
      x.usage ? `How to use: ${x.usage} ` : ""
    }Price: ${x.price} (VAT included). ${x.inStock ? "In stock." : "Currently out of stock."}`,
  productBrand: (name, brand) => `${name} is made by ${brand}.`,
  productSize: (name, size) => `${name}: ${size}.`,
  onlyInOtherLanguage: "Its full description is only available in Turkish.",
  usageInOtherLanguage: (usage) => `How to use it (written in Turkish only): "${usage}"`,
  inStock: (name, count) =>
    count === null ? `${name} is in stock.` : `${name} is in stock (${count} available).`,
  inStockQuantity: (name, quantity) => `We have ${quantity} of ${name} in stock.`,
  outOfStock: (name) => `Sorry, ${name} is currently out of stock.`,
  notEnoughStock: (name, available) => `We only have ${available} of ${name} in stock.`,
  proposeOrder: (name) => `Would you like to order ${name}?`,
  hours: (text) => `Our opening hours: ${text}.`,
  closedDay: (day) => `We are closed on ${day}.`,
  openDay: (day, hours) => `On ${day} we are open ${hours}.`,
  address: (address) => `Our address: ${address}.`,
  contact: (phone, email, website) =>
    [
      phone ? `You can call us on ${phone}.` : "",
      email ? `Our e-mail address is ${email}.` : "",
      website ? `Our website: ${website}` : "",
    ].filter(Boolean).join(" "),
  noAddress: "Our address isn't on record here; please call the business.",
  knowledge: (snippet) => `Our website says: ${snippet}`,
  knowledgeNote: (snippet) => `Here is what I can tell you: ${snippet}`,
  knowledgeForeign: (snippet) => `Here is what we have on this (in Turkish): ${snippet}`,
  knowledgeMissing:
    "Sorry, I don't have information about that. I can pass you to a person if you like.",
  knowledgeMissingOther:
    "I don't have information on your other question; I can pass you to a person if you like.",
  includes: (name, description) => `What ${name} includes: ${description}`,
  team: (names) => `Our team: ${joinList(names, "en")}.`,

  askProduct: (names) => `Which product would you like? Our products: ${names.join(", ")}.`,
  askQuantity: (name) => `How many ${name} would you like?`,
  adjustToStock: (name, available) =>
    `We only have ${available} of ${name} in stock. Shall I continue with ${available}?`,
  removedOutOfStock: (name) => `${name} is out of stock, so I couldn't add it to the order.`,
  askDelivery: "Shall we ship the products to you, or will you pick them up from us?",
  askAddress: "Could you give me the delivery address? (street, number, district and city)",
  askCity: "Could you add the district and city of the address?",
  askPayment: (options) => `How would you like to pay: ${joinList(options, "en", true)}?`,
  paymentNotAccepted: (delivery, only, asked) =>
    `${delivery === "shipping" && asked === "cash" ? "We don't offer cash on delivery. " : ""}${
      delivery === "shipping" ? "For shipped orders" : "For this order"
    } ${
      only
        ? `we can only take payment ${ONLY_WAY.en[only] ?? only}.`
        : "we can't take that payment method."
    }`,
  noShipping: "We don't ship orders; you can pick the products up from us.",
  quantityChanged: (name, quantity) => `All right, ${name} is now ${quantity}.`,
  itemRemoved: (name) => `All right, I've taken ${name} out of the order.`,
  orderReceived: (number, total, delivery) =>
    `We've received your order ${number} (total ${total}). The business will let you know ${
      delivery === "shipping" ? "when it ships" : "when it's ready to pick up"
    }. If you'd like more detail, I can connect you with a staff member; shall I?`,
  shippingFee: (fee, freeFrom, address) =>
    `${fee ? `Shipping is ${fee}` : "Shipping is free"}${
      freeFrom ? `, free for orders of ${freeFrom} or more` : ""
    }. You can also pick the products up from us${
      address ? ` (${address})` : ""
    } with no shipping fee.`,
  liraOnly:
    "Our prices are set in Turkish lira (₺) only; I can't convert them to another currency.",
  ibanWithOrder:
    "I'll give you our IBAN with the payment details as soon as you confirm the order.",
  orderStatusUnknown:
    "I can't see order status from here. I can connect you with a staff member; shall I?",
  tookOne: (name) => `I've put down 1 × ${name}; just tell me if you'd like a different number.`,
  orderSummary: (x) =>
    `Order summary: ${
      x.lines.map((l) => `${l.quantity} × ${l.name} (${money(l.gross, "en")})`).join(", ")
    }. Delivery: ${x.delivery === "pickup" ? "pick-up from us" : `shipping (${x.address})`}${
      x.delivery === "shipping"
        ? x.shipping > 0 ? `, shipping ${money(x.shipping, "en")}` : ", free shipping"
        : ""
    }. Total: ${
      money(x.total, "en")
    } (VAT included). Payment: ${x.payment}. Name: ${x.name}, phone: ${x.phone}. Shall I place the order?`,
  ordered: (number, total) =>
    `Your order has been placed. Your order number is ${number}. Total: ${total}.`,
  paymentLink: (link) => `You can pay here: ${link}`,
  paymentInstructions: (text) => `Payment: ${text}`,
  orderAborted: "All right, I haven't placed an order. Is there anything else you'd like?",
  emptyCart: "Your cart is empty so far. Which product would you like?",
  cartTotal: (lines, total, delivery, shipping) =>
    `${lines.join(", ")}. ${
      delivery === "shipping" ? `Shipping: ${shipping ?? "free"}. ` : ""
    }Total: ${total} (VAT included${
      delivery === null ? "; shipping may be added if we send it to you" : ""
    }).`,
  payments: {
    card: "online by card",
    credit_card: "online by card",
    online: "online by card",
    bank_transfer: "bank transfer",
    cash: "cash",
    pay_at_shop: "on pick-up",
  },
  paymentOptions: {
    card: "online by card (I'll send you a payment link)",
    bank_transfer: "by bank transfer",
    pay_at_shop: "when you pick it up",
  },
};

/** The phrases of a language. */
export function phrases(lang: Lang): Phrases {
  return lang === "en" ? EN : TR;
}
