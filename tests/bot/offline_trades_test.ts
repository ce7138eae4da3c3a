import assert from "node:assert/strict";
import { catalogOf, englishAliases } from "../../services/bot/offline/catalog.ts";
import { understand } from "../../services/bot/offline/understand.ts";
import type { BusinessContext } from "../../services/bot/model.ts";
import { NOW, Simulator } from "./_offline_sim.ts";
import { BARBER, CLINIC, TRADE_ID, tradeTools } from "./_trades.ts";

const read = (business: BusinessContext, text: string, lang: "tr" | "en" = "tr") =>
  understand(text, catalogOf(business), { now: NOW, timeZone: "Europe/Istanbul", lang });

/** The calls one message leads to, by name and offering. */
async function callsFor(business: BusinessContext, text: string, locale: "tr" | "en") {
  const sim = new Simulator({ business, locale });
  const reply = await sim.say(text, tradeTools);
  return reply.calls.map((c) => `${c.name} ${c.args.service_id ?? c.args.product_id ?? ""}`);
}

Deno.test("englishAliases() names offerings of other trades word by word", () => {
  assert.ok(englishAliases("Diş Beyazlatma").includes("teeth whitening"));
  assert.ok(englishAliases("Kanal Tedavisi").includes("root canal"));
  assert.ok(englishAliases("Diş Taşı Temizliği").includes("teeth cleaning"));
  assert.ok(englishAliases("Muayene").includes("checkup"));
  assert.ok(englishAliases("Sakal Tıraşı").includes("beard trim"));
  assert.ok(englishAliases("Sakal Yağı").includes("beard oil"));
  assert.ok(englishAliases("Ahşap Tarak").includes("wooden comb"));
  assert.ok(englishAliases("İsveç Masajı").includes("swedish massage"));
  assert.ok(englishAliases("Kedi Aşısı").includes("cat vaccine"));
  assert.ok(englishAliases("Paça Kısaltma").includes("hem shortening"));
  assert.ok(englishAliases("Süzme Çiçek Balı").includes("strained flower honey"));
  assert.ok(englishAliases("Sızma Zeytinyağı").includes("extra virgin olive oil"));
  assert.ok(englishAliases("Çiğ Tahin").includes("raw tahini"));
});

Deno.test("englishAliases() still translates every word of the salon's former word list", () => {
  const former: [string, string][] = [
    ["Saç", "hair"],
    ["Kesimi", "cut"],
    ["Kesim", "cut"],
    ["Boyama", "colouring"],
    ["Boya", "dye"],
    ["Manikür", "manicure"],
    ["Pedikür", "pedicure"],
    ["Masaj", "massage"],
    ["Ağda", "waxing"],
    ["Makyaj", "make-up"],
    ["Krem", "cream"],
    ["Kremi", "cream"],
    ["Şampuan", "shampoo"],
    ["Maske", "mask"],
    ["Maskesi", "mask"],
    ["Yağ", "oil"],
    ["Yağı", "oil"],
    ["Tırnak", "nail"],
    ["Bakım", "care"],
    ["Bakımı", "care"],
    ["Nemlendirici", "moisturising"],
    ["Güneş", "sun"],
    ["Erkek", "men's"],
    ["Kadın", "women's"],
    ["Çocuk", "children's"],
    ["Sakal", "beard"],
    ["Tarak", "comb"],
  ];
  for (const [word, english] of former) {
    assert.ok(englishAliases(word).includes(english), `${word}: ${englishAliases(word)}`);
  }
  assert.ok(englishAliases("Kadın Saç Kesimi").includes("women's hair cut"));
  assert.ok(englishAliases("Güneş Kremi SPF 50").includes("sun cream spf 50"));
});

Deno.test("understand() finds a clinic's and a barber's offerings by their English names", () => {
  assert.deepEqual(read(CLINIC, "how much is teeth whitening?", "en").services, [
    TRADE_ID.whitening,
  ]);
  assert.deepEqual(read(CLINIC, "How long does a root canal take?", "en").services, [
    TRADE_ID.rootCanal,
  ]);
  assert.deepEqual(read(CLINIC, "filling price?", "en").services, [TRADE_ID.filling]);
  assert.deepEqual(read(CLINIC, "I need a dental checkup", "en").services, [TRADE_ID.checkup]);
  assert.deepEqual(read(CLINIC, "how much is cleaning", "en").services, [TRADE_ID.scaling]);
  assert.deepEqual(read(BARBER, "a beard trim please", "en").services, [TRADE_ID.beard]);
  assert.deepEqual(read(BARBER, "do you sell beard oil", "en").products, [TRADE_ID.beardOil]);
  assert.deepEqual(read(BARBER, "how much is the comb", "en").products, [TRADE_ID.comb]);
});

Deno.test("understand() reads an English plural as the offering: 'I want 2 beard oils'", () => {
  const oils = read(BARBER, "I want 2 beard oils", "en");
  assert.deepEqual(oils.products, [TRADE_ID.beardOil]);
  assert.deepEqual(oils.quantities, { [TRADE_ID.beardOil]: 2 });
  assert.deepEqual(oils.ambiguous, []);
  assert.deepEqual(read(BARBER, "two combs please", "en").products, [TRADE_ID.comb]);
});

Deno.test("understand() takes a checkup ('kontrol') for the clinic's Muayene", () => {
  assert.deepEqual(read(CLINIC, "kontrol randevusu almak istiyorum").services, [
    TRADE_ID.checkup,
  ]);
  assert.deepEqual(read(CLINIC, "yarın kontrole gelmek istiyorum").services, [TRADE_ID.checkup]);
  assert.deepEqual(read(BARBER, "sakal traşı ne kadar").services, [TRADE_ID.beard]);
});

Deno.test("offline assistant: English questions about a clinic's and a barber's offerings", async () => {
  assert.deepEqual(await callsFor(CLINIC, "how much is teeth whitening?", "en"), [
    `get_service_details ${TRADE_ID.whitening}`,
  ]);
  assert.deepEqual(await callsFor(CLINIC, "How long does a root canal take?", "en"), [
    `get_service_details ${TRADE_ID.rootCanal}`,
  ]);
  assert.deepEqual(await callsFor(BARBER, "how much is a beard trim", "en"), [
    `get_service_details ${TRADE_ID.beard}`,
  ]);
  assert.deepEqual(await callsFor(BARBER, "do you sell beard oil", "en"), [
    `check_stock ${TRADE_ID.beardOil}`,
  ]);
});

Deno.test("offline assistant: a general word asks among the services and includes the checkup", async () => {
  const sim = new Simulator({ business: CLINIC });
  const reply = await sim.say("diş hekimi randevusu istiyorum perşembe 14:30", tradeTools);
  assert.equal(reply.calls.length, 0);
  assert.match(reply.text, /Muayene/);
  assert.match(reply.text, /Diş Beyazlatma/);
  assert.doesNotMatch(reply.text, /Kanal Tedavisi/);
});

Deno.test("offline assistant: information about a treatment comes before any booking", async () => {
  const sim = new Simulator({ business: CLINIC });
  const info = await sim.say("kanal tedavisi hakkında bilgi alabilir miyim", tradeTools);
  assert.deepEqual(info.calls.map((c) => c.name), ["get_service_details"]);
  assert.match(info.text, /Tek seans kanal tedavisi/);
  assert.match(info.text, /randevu almak ister misiniz/);
  const sessions = await new Simulator({ business: CLINIC }).say(
    "kanal tedavisi kac seans surer",
    tradeTools,
  );
  assert.match(sessions.text, /Tek seans/);
  const minutes = await new Simulator({ business: CLINIC }).say(
    "kaç dakka sürüyo dolgu",
    tradeTools,
  );
  assert.match(minutes.text, /45 dakika sürüyor/);
  assert.doesNotMatch(minutes.text, /1\.500/);
});

Deno.test("offline assistant: a person asked for by name is a handover, a doctor is offered", async () => {
  for (const text of ["Ali abiyle konuşmak istiyorum", "Dr. Selin ile görüşebilir miyim"]) {
    const reply = await new Simulator({ business: CLINIC }).say(text, tradeTools);
    assert.equal(reply.calls[0]?.name, "request_handover", text);
  }
  const sim = new Simulator({ business: CLINIC });
  const offer = await sim.say("bir doktorla görüşmek istiyorum", tradeTools);
  assert.equal(offer.calls.length, 0);
  assert.match(offer.text, /randevu ayarlayabilirim/);
  assert.match(offer.text, /yetkiliye/);
  const yes = await sim.say("evet", tradeTools);
  assert.equal(yes.calls[0]?.name, "request_handover");
  const english = await new Simulator({ business: CLINIC, locale: "en" }).say(
    "can I speak to a doctor?",
    tradeTools,
  );
  assert.match(english.text, /book you an appointment/);
  const booking = await new Simulator({ business: BARBER }).say(
    "Ali ustayla yarın 3te görüşelim, saç kesimi",
    tradeTools,
  );
  assert.notEqual(booking.calls[0]?.name, "request_handover");
});

Deno.test("offline assistant: the team by name, and a day to see the dentist is a booking", async () => {
  const team = await new Simulator({ business: CLINIC }).say("doktorlarınız kimler", tradeTools);
  assert.equal(team.calls.length, 0);
  assert.match(team.text, /Dr\. Ali Kaya ve Dr\. Selin Ak/);
  const english = await new Simulator({ business: BARBER, locale: "en" }).say(
    "who is the barber?",
    tradeTools,
  );
  assert.match(english.text, /Our team: Ali Usta/);
  const dentist = await new Simulator({ business: CLINIC }).say(
    "dişçiye gitmem lazım yarın",
    tradeTools,
  );
  assert.match(dentist.text, /Hangi hizmet için randevu istersiniz\? Hizmetlerimiz: Muayene/);
  const come = await new Simulator({ business: CLINIC, locale: "en" }).say(
    "I have a toothache, can I come today?",
    tradeTools,
  );
  assert.match(come.text, /Which service would you like to book/);
});

Deno.test("offline assistant: what a treatment is like comes from its description", async () => {
  const hurt = await new Simulator({ business: CLINIC }).say(
    "kanal tedavisi acıtır mı",
    tradeTools,
  );
  assert.match(hurt.text, /lokal anestezi dahil/);
  const english = await new Simulator({ business: CLINIC, locale: "en" }).say(
    "does a root canal hurt?",
    tradeTools,
  );
  assert.match(english.text, /lokal anestezi/);
  const age = await new Simulator({ business: BARBER }).say(
    "çocuk tıraşı kaç yaşa kadar",
    tradeTools,
  );
  assert.deepEqual(age.calls.map((c) => c.name), ["search_knowledge", "get_service_details"]);
  assert.match(age.text, /12 yaş altı/);
  const oil = await new Simulator({ business: BARBER }).say(
    "sakal yağı ne işe yarıyor",
    tradeTools,
  );
  assert.match(oil.text, /Sakalı yumuşatan/);
});

Deno.test("offline assistant: 'is it included?' about a word of two services asks which", async () => {
  const sim = new Simulator({ business: BARBER, locale: "en" });
  const which = await sim.say("is a hot towel included with the shave?", tradeTools);
  assert.equal(which.calls.length, 0);
  assert.match(which.text, /Sakal Tıraşı, Çocuk Tıraşı/);
  const answer = await sim.say("the beard one", tradeTools);
  assert.match(answer.text, /What Sakal Tıraşı includes: Ustura ile sakal tıraşı, sıcak havlu/);
});

Deno.test("offline assistant: a word two services share asks between them only", async () => {
  const vet: BusinessContext = {
    ...CLINIC,
    services: ["Genel Muayene", "Kuduz Aşısı", "Karma Aşı"].map((name, i) => ({
      id: `00000000-0000-4000-8000-00000000030${i}`,
      name,
      price: 400,
      duration_minutes: 20,
      category: null,
    })),
  };
  const reply = await new Simulator({ business: vet, locale: "en" }).say("vaccine price?");
  assert.match(reply.text, /Which one do you mean: Kuduz Aşısı, Karma Aşı\?/);
  assert.deepEqual(read(vet, "how much is the rabies vaccine", "en").services, [
    "00000000-0000-4000-8000-000000000301",
  ]);
});
