import assert from "node:assert/strict";
import type { ToolCall, ToolResult } from "../../services/bot/model.ts";
import { bestSentences, subjectWords } from "../../services/bot/offline/knowledge.ts";
import { fold } from "../../services/bot/offline/nlu/text.ts";
import { clauses } from "../../services/bot/offline/questions.ts";
import { BUSINESS, held, ID, Simulator, slots } from "./_offline_sim.ts";

const POLICIES =
  "Randevular en geç 24 saat öncesine kadar ücretsiz iptal edilebilir. Ödeme nakit veya kartla salonda alınır.";

const PAGES = [
  {
    title: "Otopark",
    url: "https://salon.example/sss",
    snippet: "Salonun arkasında ücretsiz müşteri otoparkı vardır. Parking: free parking behind us.",
  },
  {
    title: "Hediye çeki",
    url: "https://salon.example/sss",
    snippet:
      "Hediye çeklerimiz 500 ₺ ve 1000 ₺ değerindedir, 6 ay geçerlidir. Hediye çeki salonumuzdan alınabilir. Gift cards are valid for 6 months.",
  },
  {
    title: "Ödeme",
    url: "https://salon.example/sss",
    snippet:
      "Salonda nakit ve kartla ödeme alıyoruz; taksit yapılmamaktadır. We accept cash and cards; no instalments.",
  },
  {
    title: "Çocuk saç kesimi",
    url: "https://salon.example/sss",
    snippet:
      "12 yaş altı çocuklar için saç kesimi de yapıyoruz; fiyatı yetişkin kesiminin yarısıdır.",
  },
];

const SERVICE = {
  [ID.cut]: {
    name: "Saç Kesimi",
    price: 450,
    duration_minutes: 45,
    description: "Kadın saç kesimi, yıkama ve şekillendirme dahil.",
  },
  [ID.blowDry]: { name: "Fön", price: 250, duration_minutes: 30, description: "Yıkama ve fön." },
} as Record<string, { name: string; price: number; duration_minutes: number; description: string }>;

/** The salon's tools: details, free times, the shampoo's total and a search over the pages above. */
function tools(call: ToolCall): Omit<ToolResult, "id" | "name"> | undefined {
  switch (call.name) {
    case "search_knowledge": {
      // As the real search: folded words of four letters or more, long ones by their start.
      const words = fold(String(call.args.query)).split(" ").filter((w) => w.length >= 4);
      const results = PAGES.filter((p) =>
        words.some((w) => fold(p.snippet).includes(w.slice(0, 5)))
      );
      return { result: { results } };
    }
    case "get_service_details": {
      const id = String(call.args.service_id);
      return { result: { id, ...SERVICE[id], staff: [] } };
    }
    case "get_product_details":
      return {
        result: {
          id: ID.shampoo,
          name: "Argan Yağı Şampuan",
          description: "Boyalı saçlar için sülfatsız şampuan, 400 ml.",
          price: 320,
          brand: "Anatolia Hair",
          usage: null,
          in_stock: true,
        },
      };
    case "check_stock":
      return {
        result: {
          product_id: ID.shampoo,
          name: "Argan Yağı Şampuan",
          available: 40,
          in_stock: true,
        },
      };
    case "list_services":
      return { result: { services: [{ name: "Saç Kesimi", price: 450, duration_minutes: 45 }] } };
    case "check_availability":
      return slots("2026-11-28", ["16:00"]);
    case "hold_slot":
      return held("2026-11-28", "16:00");
    case "calculate_total": {
      // Only the shampoo is ordered here; shipping as the salon charges it, under ₺750.
      const items = call.args.items as { product_id: string; quantity: number }[];
      const lines = items.map((i) => ({
        product_id: i.product_id,
        name: "Argan Yağı Şampuan",
        quantity: i.quantity,
        gross: 320 * i.quantity,
        in_stock: true,
        available: 40,
      }));
      const subtotal = lines.reduce((sum, l) => sum + l.gross, 0);
      const shipping = call.args.delivery === "shipping" && subtotal < 750 ? 49.9 : 0;
      return { result: { currency: "TRY", lines, shipping, total: subtotal + shipping } };
    }
    default:
      return undefined;
  }
}

const salon = (locale: "tr" | "en" = "tr") =>
  new Simulator({ locale, business: { ...BUSINESS, policies: POLICIES } });

Deno.test("clauses() cuts a message at its questions and the words that link them", () => {
  assert.deepEqual(clauses("are you open this sunday? if not what time do you open on monday"), [
    "are you open this sunday?",
    "what time do you open on monday",
  ]);
  assert.deepEqual(clauses("saat 4te pedikür yaptırcam, otopark var mı bu arada?"), [
    "saat 4te pedikür yaptırcam,",
    "otopark var mı",
  ]);
  assert.deepEqual(clauses("Saç kesimi ne kadar"), ["Saç kesimi ne kadar"]);
  assert.deepEqual(clauses("Saç boyama ne kadar? Ayrıca otopark var mı?"), [
    "Saç boyama ne kadar?",
    "otopark var mı?",
  ]);
});

Deno.test("bestSentences() quotes only what answers, leaning on the question before", () => {
  const hits = [PAGES[1]!, PAGES[2]!];
  assert.equal(
    bestSentences(hits, "nerden aliniyo salondan mi", "tr", ["hediye", "cek"]),
    "Hediye çeki salonumuzdan alınabilir.",
  );
  assert.equal(
    bestSentences(hits, "can i pay in installments?", "en"),
    "We accept cash and cards; no instalments.",
  );
  assert.equal(
    bestSentences(
      [{ snippet: POLICIES, url: "policies" }],
      "what is your cancellation policy?",
      "en",
    ),
    "Randevular en geç 24 saat öncesine kadar ücretsiz iptal edilebilir.",
  );
});

Deno.test("offline assistant: every question of one message is answered", async () => {
  const hours = await salon("en").say(
    "are you open this sunday? if not what time do you open on monday",
    tools,
  );
  assert.match(hours.text, /closed on Sunday/);
  assert.match(hours.text, /Monday we are open 09:00–19:00/);
  const saturday = await salon().say("pazar açık mısınız? cumartesi kaçta kapanıyorsunuz", tools);
  assert.match(saturday.text, /Pazar günü kapalıyız/);
  assert.match(saturday.text, /Cumartesi günü 10:00–16:00/);
  const week = await salon().say("çalışma saatleriniz nedir, pazar açık mısınız?", tools);
  assert.match(week.text, /Pazar günü kapalıyız/);
  assert.match(week.text, /Çalışma saatlerimiz: Pazartesi–Cuma 09:00–19:00/);
  const reach = await salon("en").say("what's your address and phone number?", tools);
  assert.match(reach.text, /Our address: Moda Caddesi/);
  assert.match(reach.text, /call us on 0216 555 12 34/);
  const where = await salon().say("adresiniz nerde? arabayla gelcem park yeri var mi", tools);
  assert.match(where.text, /Moda Caddesi/);
  assert.match(where.text, /otoparkı vardır/);
  const faq = await salon("en").say(
    "do you take credit cards? can i pay in installments? also do you sell gift cards",
    tools,
  );
  assert.equal(faq.calls.filter((c) => c.name === "search_knowledge").length, 3);
  assert.match(
    faq.text,
    /^Our website says: We accept cash and cards; no instalments\. Gift cards/,
  );
  const weekend = await salon("en").say(
    "what time do you close on saturday and are you open on sunday?",
    tools,
  );
  assert.match(weekend.text, /Saturday we are open 10:00–16:00/);
  assert.match(weekend.text, /closed on Sunday/);
  const brand = await salon("en").say("how much is the argan shampoo and what brand is it", tools);
  assert.match(brand.text, /₺320\.00/);
  assert.match(brand.text, /Anatolia Hair/);
});

Deno.test("offline assistant: a question inside a booking is answered before the booking goes on", async () => {
  const sim = salon();
  const reply = await sim.say(
    "cumartesi öğleden sonra 4 te saç kesimi yaptırcam, otopark var mı bu arada?",
    tools,
  );
  assert.deepEqual(reply.rounds[0]!.map((c) => c.name), ["search_knowledge", "check_availability"]);
  assert.match(reply.text, /^Web sitemizde bu konuda şöyle yazıyor: Salonun arkasında/);
  assert.match(reply.text, /adınızı ve telefon numaranızı/);
});

Deno.test("offline assistant: a question with the contact details or the yes is answered too", async () => {
  const sim = salon();
  await sim.say("cumartesi 16:00 saç kesimi", tools);
  const contact = await sim.say("Ece Kaya 0544 222 33 44, otopark var mı?", tools);
  assert.match(contact.text, /^Web sitemizde bu konuda şöyle yazıyor: Salonun arkasında/);
  assert.match(contact.text, /Randevu özeti/);
  const yes = await sim.say(
    "evet, kartla ödeyebilir miyim?",
    (call) =>
      call.name === "create_appointment"
        ? {
          result: {
            confirmation_code: "ABC234",
            service: "Saç Kesimi",
            date: "2026-11-28",
            time: "16:00",
            staff: "Ayşe Yılmaz",
          },
        }
        : tools(call),
  );
  assert.deepEqual(yes.calls.map((c) => c.name), ["search_knowledge", "create_appointment"]);
  assert.match(yes.text, /kartla ödeme alıyoruz/);
  assert.match(yes.text, /ABC234/);
});

Deno.test("offline assistant: a question mark closing part of an order asks nothing more", async () => {
  const reply = await salon("en").say(
    "Can you ship 2 argan shampoos to Bağdat Cad. No 200, Kadıköy, İstanbul? Name's Oliver Grant, phone 0530 111 2233",
    tools,
  );
  assert.ok(!reply.calls.some((c) => c.name === "search_knowledge"));
  assert.doesNotMatch(reply.text, /don't have information/);
});

Deno.test("offline assistant: policies answer questions; a question about cancelling cancels nothing", async () => {
  const policy = await salon().say("iptal koşullarınız nedir", tools);
  assert.deepEqual(policy.calls.map((c) => c.name), ["search_knowledge"]);
  assert.match(policy.text, /24 saat öncesine kadar ücretsiz iptal/);
  assert.doesNotMatch(policy.text, /onay kodunu/);
  const card = await salon().say("kredi kartı geçiyor mu", () => ({ result: { results: [] } }));
  assert.match(card.text, /kartla salonda alınır/);
  assert.doesNotMatch(card.text, /Web sitemizde/);
  const cancel = await salon().say("randevumu iptal etmek istiyorum", tools);
  assert.match(cancel.text, /onay kodunu/);
  const both = await salon().say("randevumu iptal etmek istiyorum, ücret alıyor musunuz?", tools);
  assert.match(both.text, /^Bu konuda şunu söyleyebilirim: Randevular en geç 24 saat/);
  assert.match(both.text, /onay kodunu/);
});

Deno.test("offline assistant: the owner's notes are not said to be on a website", async () => {
  const note = {
    result: {
      results: [{ title: "Hediye", url: "manual", snippet: "Hediye çeklerimiz 6 ay geçerlidir." }],
    },
  };
  const reply = await salon().say("hediye çeki var mı", () => note);
  assert.match(reply.text, /6 ay geçerlidir/);
  assert.doesNotMatch(reply.text, /Web sitemizde/);
});

Deno.test("subjectWords() leaves out buying words and counts: an order is no subject", () => {
  assert.deepEqual(subjectWords("Tarak kaç lira? 3 tane alıcam"), ["tarak"]);
  assert.deepEqual(subjectWords("iki tane alacağım"), []);
  assert.deepEqual(subjectWords("I'll take 3"), []);
  assert.deepEqual(subjectWords("hediye çeki alabilir miyim"), ["hedi", "ceki"]);
  assert.deepEqual(subjectWords("7 yaşındaki kızımın saç kesimi ne kadar"), [
    "yasinda",
    "kizim",
    "sac",
    "kesim",
  ]);
});

Deno.test("offline assistant: a price question about something not sold is searched, then listed", async () => {
  const gift = await salon().say(
    "annem icin hediye ceki almak istiyorum ne kadarlik var, suresi ne kadar gecerli",
    tools,
  );
  assert.deepEqual(gift.calls.map((c) => c.name), ["search_knowledge"]);
  assert.match(gift.text, /500 ₺ ve 1000 ₺ değerindedir, 6 ay geçerlidir/);
  const sim = salon();
  await sim.say("hediye çeki ne kadarlık", tools);
  const followUp = await sim.say("nerden aliniyo salondan mi", tools);
  assert.match(followUp.text, /salonumuzdan alınabilir/);
  assert.doesNotMatch(followUp.text, /nakit/);
  const unknown = await salon().say("bayan kuaför fiyatları ne kadar", () => ({
    result: { results: [], services: [{ name: "Saç Kesimi", price: 450, duration_minutes: 45 }] },
  }));
  assert.deepEqual(unknown.calls.map((c) => c.name), ["search_knowledge", "list_services"]);
  assert.match(unknown.text, /Hizmetlerimiz: Saç Kesimi/);
  const list = await salon().say("fiyatlarınız ne kadar", tools);
  assert.deepEqual(list.calls.map((c) => c.name), ["list_services"]);
  const wish = await salon().say("hediye çeki alabilir miyim", tools);
  assert.deepEqual(wish.calls.map((c) => c.name), ["search_knowledge"]);
  assert.match(wish.text, /6 ay geçerlidir/);
  const notSold = await salon().say(
    "kolonya alabilir miyim",
    (call) =>
      call.name === "list_products"
        ? { result: { products: [{ name: "Nemlendirici Krem", price: 450, in_stock: true }] } }
        : tools(call),
  );
  assert.deepEqual(notSold.calls.map((c) => c.name), ["search_knowledge", "list_products"]);
  assert.match(notSold.text, /Ürünlerimiz: Nemlendirici Krem/);
});

Deno.test("offline assistant: a price the business's texts qualify is not quoted bare", async () => {
  const sim = salon();
  const child = await sim.say(
    "7 yasindaki kizimin sacini kestirmek istiyorum cocuklara yapiyo musunuz fiyati ne",
    tools,
  );
  assert.match(child.text, /yarısıdır/);
  assert.doesNotMatch(child.text, /450/);
  assert.match(child.text, /hangi gün/);
  await sim.say("cumartesi 16:00", tools);
  const summary = await sim.say("Ece Kaya 0544 222 33 44", tools);
  assert.match(summary.text, /Randevu özeti/);
  assert.doesNotMatch(summary.text, /450/);
  const adult = await salon().say("saç kesimi fiyatı ne", tools);
  assert.match(adult.text, /450,00 ₺/);
  const english = await salon("en").say(
    "do you cut kids hair? how much?",
    (call) =>
      call.name === "search_knowledge"
        ? {
          result: {
            results: [{
              title: "Children",
              url: "https://salon.example/sss",
              snippet: "We also cut children's hair (under 12) at half price.",
            }],
          },
        }
        : tools(call),
  );
  assert.match(english.text, /half price/);
  assert.doesNotMatch(english.text, /450/);
  assert.equal(english.text.match(/half price/g)?.length, 1);
});

Deno.test("offline assistant: 'is it included?' is answered from the description, and the flow goes on", async () => {
  const sim = salon("en");
  await sim.say("how much is a haircut", tools);
  const included = await sim.say("is blow dry included?", tools);
  assert.deepEqual(included.calls.map((c) => c.args.service_id), [ID.cut]);
  assert.match(included.text, /What Saç Kesimi includes: Kadın saç kesimi, yıkama/);
  const both = await salon("en").say("how much is a haircut and does it include a wash?", tools);
  assert.match(both.text, /Saç Kesimi: Kadın saç kesimi, yıkama/);
  assert.match(both.text, /₺450\.00/);
  const tax = await salon().say("argan şampuan fiyatına kdv dahil mi", tools);
  assert.deepEqual(tax.calls.map((c) => c.name), ["get_product_details"]);
  assert.match(tax.text, /320,00 ₺ \(KDV dahil\)/);
  const booking = salon();
  await booking.say("saç kesimi istiyorum", tools);
  const inFlow = await booking.say("fön de dahil mi fiyata", tools);
  assert.match(inFlow.text, /Saç Kesimi için açıklamamız/);
  assert.match(inFlow.text, /Saç Kesimi için hangi gün/);
});

Deno.test("offline assistant: a question about a product in the order is answered, and the order goes on", async () => {
  const sim = salon();
  await sim.say("2 argan sampuan alicam", tools);
  const reply = await sim.say("bu arada boyali saca uygun mu bu sampuan?", tools);
  assert.deepEqual(reply.calls.map((c) => c.name), ["get_product_details"]);
  assert.match(reply.text, /Boyalı saçlar için/);
  assert.match(reply.text, /kargoyla mı/);
});
