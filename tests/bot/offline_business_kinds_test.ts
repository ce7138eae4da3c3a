import assert from "node:assert/strict";
import type { BusinessContext } from "../../services/bot/model.ts";
import { catalogOf } from "../../services/bot/offline/catalog.ts";
import { normalize } from "../../services/bot/offline/nlu/text.ts";
import { phrases } from "../../services/bot/offline/replies.ts";
import { understand } from "../../services/bot/offline/understand.ts";
import { BUSINESS, NOW } from "./_offline_sim.ts";

const service = (id: string, name: string) => ({
  id,
  name,
  price: 500,
  duration_minutes: 30,
  category: null,
});
const product = (id: string, name: string) => ({
  id,
  name,
  price: 200,
  category: null,
  in_stock: true,
});

const business = (
  services: BusinessContext["services"],
  products: BusinessContext["products"],
): BusinessContext => ({ ...BUSINESS, services, products, staff: [] });

const read = (b: BusinessContext, text: string) =>
  understand(text, catalogOf(b), { now: NOW, timeZone: "Europe/Istanbul", lang: "tr" });

const names = (b: BusinessContext, ids: string[]) =>
  ids.map((id) => [...b.services, ...b.products].find((o) => o.id === id)?.name);

Deno.test("normalize() writes the spoken present tense as written Turkish", () => {
  assert.equal(normalize("neler satıyosunuz"), "neler satıyorsunuz");
  assert.equal(normalize("dişim ağrıyo"), "dişim ağrıyor");
  assert.equal(normalize("geliyom yarın"), "geliyorum yarın");
  assert.equal(normalize("istiyodum"), "istiyordum");
  assert.equal(normalize("stüdyo radyo"), "stüdyo radyo");
});

Deno.test("a business's own names come before the glossary's aliases of others", () => {
  const barber = business(
    [service("s1", "Ağda")],
    [product("p1", "Şekillendirici Wax")],
  );
  const p = read(barber, "wax kaç para? 2 tane alıcam");
  assert.deepEqual(names(barber, p.products), ["Şekillendirici Wax"]);
  assert.deepEqual(p.services, []);
  assert.deepEqual(names(barber, read(barber, "ağda ne kadar").services), ["Ağda"]);
});

Deno.test("a name ending in a possessive is found by its stem ('bal', 'çorap')", () => {
  const shop = business([], [
    product("p1", "Süzme Çiçek Balı"),
    product("p2", "Kaymaz Pilates Çorabı"),
    product("p3", "Sızma Zeytinyağı"),
  ]);
  const p = read(shop, "2 bal 1 zeytinyağı istiyorum");
  assert.deepEqual(names(shop, p.products), ["Süzme Çiçek Balı", "Sızma Zeytinyağı"]);
  assert.deepEqual(names(shop, read(shop, "çorap var mı").products), ["Kaymaz Pilates Çorabı"]);
});

Deno.test("the offering whose whole name is said wins words it shares with another", () => {
  const vet = business(
    [service("s1", "Kedi Karma Aşı"), service("s2", "Köpek Karma Aşı")],
    [],
  );
  const p = read(vet, "köpeğim için karma aşı randevusu istiyorum");
  assert.deepEqual(names(vet, p.services), ["Köpek Karma Aşı"]);
});

Deno.test("a verb of a clinic names its service ('çektirmek' is 'Diş Çekimi')", () => {
  const clinic = business(
    [service("s1", "Diş Çekimi"), service("s2", "Diş Beyazlatma")],
    [],
  );
  assert.deepEqual(names(clinic, read(clinic, "dişimi çektirmem lazım").services), [
    "Diş Çekimi",
  ]);
});

Deno.test("capitalised words right before a phone number are the customer's name", () => {
  const shop = business([], [product("p1", "Köpek Ödül Maması")]);
  const p = read(shop, "ödül maması 3 tane gelip alırım nakit öderim Ece Su 05321112233");
  assert.equal(p.name, "Ece Su");
  assert.equal(p.phone, "+905321112233");
});

Deno.test("what the assistant offers to do follows what the business offers", () => {
  const tr = phrases("tr");
  const shop = tr.capabilities({ services: false, products: true });
  assert.ok(shop.includes("sipariş") && !shop.includes("randevu"));
  const clinic = tr.capabilities({ services: true, products: false });
  assert.ok(clinic.includes("randevu") && !clinic.includes("sipariş"));
  const en = phrases("en").capabilities({ services: false, products: true });
  assert.ok(en.includes("orders") && !en.includes("appointment"));
  assert.ok(tr.noBookings({ services: false, products: true }).includes("Ürünlerimiz"));
});

Deno.test("a first name that is an everyday word names the person only as a name", () => {
  const studio: BusinessContext = {
    ...business([service("s1", "Reformer Pilates Özel Ders")], []),
    staff: [{ id: "st1", name: "Can Aksoy" }, { id: "st2", name: "Nazlı Ersoy" }],
  };
  assert.equal(read(studio, "can i book a private reformer lesson tomorrow").staffId, undefined);
  assert.equal(read(studio, "yarın Can beyden reformer dersi").staffId, "st1");
  assert.equal(read(studio, "yarın can hocadan ders alabilir miyim").staffId, "st1");
  assert.equal(read(studio, "yarın nazlı hocadan reformer").staffId, "st2");
});
