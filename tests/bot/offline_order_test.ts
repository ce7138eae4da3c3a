import assert from "node:assert/strict";
import type { BusinessContext, ToolCall, ToolResult } from "../../services/bot/model.ts";
import { BUSINESS, ID, Simulator } from "./_offline_sim.ts";

/** A product as the fake tools of these tests know it. */
interface Product {
  id: string;
  name: string;
  price: number;
  stock: number;
  description?: string;
  brand?: string;
  usage?: string;
}

const SALON: Product[] = [
  {
    id: ID.cream,
    name: "Nemlendirici Krem",
    price: 450,
    stock: 25,
    description: "Kuru ve normal ciltler için günlük nemlendirici, 50 ml.",
    brand: "Işıl Kozmetik",
    usage: "Günde 2 kez temiz cilde uygulayın.",
  },
  {
    id: ID.sunscreen,
    name: "Güneş Kremi SPF 50",
    price: 520,
    stock: 8,
    description: "Yüz için yüksek korumalı güneş kremi, 50 ml.",
    brand: "Işıl Kozmetik",
    usage: "Güneşe çıkmadan 20 dakika önce uygulayın.",
  },
  {
    id: ID.shampoo,
    name: "Argan Yağı Şampuan",
    price: 320,
    stock: 40,
    description: "Boyalı saçlar için sülfatsız şampuan, 400 ml.",
    brand: "Anatolia Hair",
    usage: "Islak saça uygulayın, köpürtün ve durulayın.",
  },
];

const BARBER_ID = {
  cut: "00000000-0000-4000-8000-000000000101",
  shave: "00000000-0000-4000-8000-000000000102",
  oil: "00000000-0000-4000-8000-000000000111",
  comb: "00000000-0000-4000-8000-000000000112",
  wax: "00000000-0000-4000-8000-000000000113",
  ali: "00000000-0000-4000-8000-000000000121",
} as const;

const BARBER_PRODUCTS: Product[] = [
  { id: BARBER_ID.oil, name: "Sakal Yağı", price: 250, stock: 10, brand: "Ali Grooming" },
  { id: BARBER_ID.comb, name: "Tarak", price: 60, stock: 20 },
  { id: BARBER_ID.wax, name: "Wax", price: 180, stock: 6, description: "Mat görünüm, 100 ml." },
];

/** A barber shop that ships and takes transfers. */
const BARBER: BusinessContext = {
  ...BUSINESS,
  name: "Berber Ali",
  industry: "Berber",
  greeting: "",
  services: [
    { id: BARBER_ID.cut, name: "Saç Kesimi", price: 300, duration_minutes: 30, category: null },
    { id: BARBER_ID.shave, name: "Sakal Tıraşı", price: 150, duration_minutes: 20, category: null },
  ],
  products: listed(BARBER_PRODUCTS),
  staff: [{ id: BARBER_ID.ali, name: "Ali Usta" }],
};

const CLINIC_ID = {
  brush: "00000000-0000-4000-8000-000000000211",
  floss: "00000000-0000-4000-8000-000000000212",
} as const;

const CLINIC_PRODUCTS: Product[] = [
  { id: CLINIC_ID.brush, name: "Yumuşak Diş Fırçası", price: 90, stock: 30 },
  { id: CLINIC_ID.floss, name: "Diş İpi", price: 70, stock: 30 },
];

/** A dental clinic that does not ship and has no IBAN: only paid on pick-up. */
const CLINIC: BusinessContext = {
  ...BUSINESS,
  name: "Gülüş Diş Kliniği",
  industry: "Diş kliniği",
  greeting: "",
  policies: "Kargo ile gönderim yapılmamaktadır.",
  services: [],
  products: listed(CLINIC_PRODUCTS),
  staff: [],
  ships: false,
  bankTransfer: false,
};

function listed(products: Product[]): BusinessContext["products"] {
  return products.map((p) => ({
    id: p.id,
    name: p.name,
    price: p.price,
    category: null,
    in_stock: true,
  }));
}

/** Fake tools over a product list, as the real ones answer (shipping 49,90 under 750 ₺). */
function shop(products: Product[]) {
  const byId = new Map(products.map((p) => [p.id, p]));
  return (call: ToolCall): Omit<ToolResult, "id" | "name"> | undefined => {
    const args = call.args as {
      product_id?: string;
      quantity?: number;
      items?: { product_id: string; quantity: number }[];
      delivery?: string;
    };
    const p = byId.get(args.product_id ?? "");
    switch (call.name) {
      case "check_stock":
        return {
          result: {
            product_id: p!.id,
            name: p!.name,
            available: p!.stock,
            in_stock: (args.quantity ?? 1) <= p!.stock,
          },
        };
      case "get_product_details":
        return {
          result: {
            id: p!.id,
            name: p!.name,
            description: p!.description ?? null,
            price: p!.price,
            brand: p!.brand ?? null,
            usage: p!.usage ?? null,
            in_stock: true,
          },
        };
      case "calculate_total": {
        const lines = args.items!.map((i) => {
          const q = byId.get(i.product_id)!;
          return {
            product_id: q.id,
            name: q.name,
            quantity: i.quantity,
            gross: q.price * i.quantity,
            in_stock: i.quantity <= q.stock,
            available: q.stock,
          };
        });
        const subtotal = lines.reduce((sum, l) => sum + l.gross, 0);
        const shipping = args.delivery === "shipping" && subtotal < 750 ? 49.9 : 0;
        return { result: { currency: "TRY", lines, shipping, total: subtotal + shipping } };
      }
      case "create_order":
        return {
          result: {
            success: true,
            order_number: "S-1001",
            total_amount: 0,
            payment_link: null,
            payment_instructions: "…",
          },
        };
    }
    return undefined;
  };
}

/** The calls of a name in an exchange. */
function called(calls: ToolCall[], name: string): ToolCall[] {
  return calls.filter((c) => c.name === name);
}

Deno.test("offline order: a bare quantity after a stock answer orders that product", async () => {
  const sim = new Simulator();
  const tools = shop(SALON);
  const stock = await sim.say("güneş kremi stokta var mı", tools);
  assert.match(stock.text, /sipariş etmek ister misiniz/);
  const ordered = await sim.say("4 tane alayım", tools);
  assert.deepEqual(called(ordered.calls, "check_stock")[0]?.args, {
    product_id: ID.sunscreen,
    quantity: 4,
  });
  assert.doesNotMatch(ordered.text, /Hangi ürünü/);
  assert.match(ordered.text, /kargoyla mı/);
});

Deno.test("offline order: 'I'll take it' after a price, then the details given instead of a number", async () => {
  const sim = new Simulator({ locale: "en" });
  const tools = shop(SALON);
  await sim.say("how much is the moisturiser?", tools);
  const asked = await sim.say("I'll take it", tools);
  assert.match(asked.text, /How many Nemlendirici Krem/);
  const moved = await sim.say("I'll collect it", tools);
  assert.match(moved.text, /1 × Nemlendirici Krem/);
  assert.doesNotMatch(moved.text, /How many/);
  assert.match(moved.text, /name and phone number/);
});

Deno.test("offline order: a quantity and a total question after a price: the total, then the next question", async () => {
  const sim = new Simulator();
  const tools = shop(SALON);
  await sim.say("nemlendirici krem kaç tl", tools);
  const quoted = await sim.say("3 tane alsam kargoyla beraber toplam ne kadar tutar", tools);
  assert.deepEqual(called(quoted.calls, "calculate_total")[0]?.args, {
    items: [{ product_id: ID.cream, quantity: 3 }],
    delivery: "shipping",
  });
  assert.match(quoted.text, /1\.350,00 ₺/);
  assert.ok(quoted.text.indexOf("1.350,00") < quoted.text.indexOf("adresinizi"), quoted.text);
});

Deno.test("offline order: items and 'toplam ne tutuyo' in one message: the total, then delivery", async () => {
  const sim = new Simulator();
  const quoted = await sim.say(
    "bir nemlendirici krem bir de şampuan alcam toplam ne tutuyo",
    shop(SALON),
  );
  assert.equal(called(quoted.calls, "check_stock").length, 2);
  assert.deepEqual(called(quoted.calls, "calculate_total")[0]?.args, {
    items: [{ product_id: ID.cream, quantity: 1 }, { product_id: ID.shampoo, quantity: 1 }],
    delivery: "pickup",
  });
  assert.match(quoted.text, /Toplam: 770,00 ₺/);
  assert.doesNotMatch(quoted.text, /kaç adet/);
  assert.match(quoted.text, /kargoyla mı/);
});

Deno.test("offline order: 'yok pardon 2 tane olsun' and 'yok 3 olsun' change the quantity, never cancel", async () => {
  const sim = new Simulator();
  const tools = shop(SALON);
  await sim.say("şampuandan 4 tane alıcam", tools);
  const changed = await sim.say("yok pardon 2 tane olsun, 4 fazla", tools);
  assert.deepEqual(called(changed.calls, "check_stock")[0]?.args, {
    product_id: ID.shampoo,
    quantity: 2,
  });
  assert.match(changed.text, /2 adet olarak güncellendi/);
  assert.match(changed.text, /kargoyla mı/);
  const again = await sim.say("yok 3 olsun", tools);
  assert.doesNotMatch(again.text, /sipariş oluşturmadım/);
  assert.match(again.text, /3 adet/);
  await sim.say("gelip alırım", tools);
  await sim.say("Nazlı Er 0535 909 18 27", tools);
  await sim.say("nakit", tools);
  const placed = await sim.say("evet", tools);
  assert.deepEqual(called(placed.calls, "create_order")[0]?.args.items, [
    { product_id: ID.shampoo, quantity: 3 },
  ]);
});

Deno.test("offline order: 'sipariş vermek istiyorum' starts an order, not a cancellation", async () => {
  const sim = new Simulator();
  const reply = await sim.say("sipariş vermek istiyorum", shop(SALON));
  assert.match(reply.text, /Hangi ürünü istersiniz/);
  const counted = await sim.say("güneş kremi ve şampuandan ikişer tane", shop(SALON));
  assert.deepEqual(called(counted.calls, "check_stock").map((c) => c.args), [
    { product_id: ID.sunscreen, quantity: 2 },
    { product_id: ID.shampoo, quantity: 2 },
  ]);
});

Deno.test("offline order: 'ikisinden de 2 tane' and '2 of each' give every line the quantity", async () => {
  for (
    const [locale, first, second] of [
      ["tr", "güneş kremi ve şampuan istiyorum", "ikisinden de 2 tane"],
      ["en", "I want the sunscreen and the argan shampoo", "2 of each"],
    ] as const
  ) {
    const sim = new Simulator({ locale });
    await sim.say(first, shop(SALON));
    const both = await sim.say(second, shop(SALON));
    assert.deepEqual(called(both.calls, "check_stock").map((c) => c.args), [
      { product_id: ID.sunscreen, quantity: 2 },
      { product_id: ID.shampoo, quantity: 2 },
    ], locale);
  }
});

Deno.test("offline order: brand, size and suitability questions are answered from the product", async () => {
  const sim = new Simulator();
  const tools = shop(SALON);
  await sim.say("argan şampuan nasıl kullanılıyor", tools);
  const brand = await sim.say("markası ne", tools);
  assert.match(brand.text, /Anatolia Hair/);
  const size = await sim.say("kaç ml peki", tools);
  assert.match(size.text, /400 ml/);
  const order = new Simulator();
  await order.say("2 argan şampuan alıcam", tools);
  const fits = await order.say("bu arada boyalı saça uygun mu bu şampuan?", tools);
  assert.equal(called(fits.calls, "get_product_details").length, 1);
  assert.match(fits.text, /Boyalı saçlar için/);
  assert.ok(fits.text.indexOf("Boyalı") < fits.text.indexOf("kargoyla mı"), fits.text);
});

Deno.test("offline order: a barber's customers reserve, ask the price and buy in one go", async () => {
  const tools = shop(BARBER_PRODUCTS);
  const reserve = new Simulator({ business: BARBER });
  const reserved = await reserve.say("waxtan 2 tane ayırır mısın akşam gelip alcam", tools);
  assert.deepEqual(called(reserved.calls, "check_stock")[0]?.args, {
    product_id: BARBER_ID.wax,
    quantity: 2,
  });
  assert.match(reserved.text, /adınızı ve telefon numaranızı/);
  const price = new Simulator({ business: BARBER });
  const priced = await price.say("Tarak kaç lira? 3 tane alıcam", tools);
  assert.match(priced.text, /60,00 ₺/);
  assert.deepEqual(called(priced.calls, "check_stock")[0]?.args, {
    product_id: BARBER_ID.comb,
    quantity: 3,
  });
  assert.doesNotMatch(priced.text, /kaç adet/);
  const two = new Simulator({ business: BARBER });
  const both = await two.say("1 sakal yağı 1 de tarak istiyorum", tools);
  assert.deepEqual(called(both.calls, "check_stock").map((c) => c.args), [
    { product_id: BARBER_ID.oil, quantity: 1 },
    { product_id: BARBER_ID.comb, quantity: 1 },
  ]);
  assert.doesNotMatch(both.text, /kaç adet/);
});

Deno.test("offline order: no reply names a salon at a barber's, in Turkish or in English", async () => {
  for (const locale of ["tr", "en"] as const) {
    const sim = new Simulator({ business: BARBER, locale });
    const tools = shop(BARBER_PRODUCTS);
    const script = locale === "tr"
      ? ["2 sakal yağı istiyorum", "gelip alırım", "Can Er 0532 111 22 33", "teslim alırken öderim"]
      : [
        "I want 2 beard oils",
        "I'll pick them up",
        "Sam Fox 0532 111 22 33",
        "I'll pay on pickup",
      ];
    const replies = [];
    for (const text of script) replies.push((await sim.say(text, tools)).text);
    assert.match(replies.join("\n"), /işletmemizden|from us/);
    assert.doesNotMatch(replies.join("\n"), /salon/i);
  }
});

Deno.test("offline order: a clinic that does not ship nor take transfers is paid on pick-up", async () => {
  const sim = new Simulator({ business: CLINIC });
  const tools = shop(CLINIC_PRODUCTS);
  const asked = await sim.say("2 diş ipi kargoyla gönderir misiniz", tools);
  assert.match(asked.text, /Kargo ile gönderim yapmıyoruz/);
  assert.doesNotMatch(asked.text, /kargoyla mı|adresinizi/);
  const transfer = await sim.say("havale yaparım", tools);
  assert.doesNotMatch(transfer.text, /havale\/EFT veya/);
  const summary = await sim.say("Deniz Ak 0532 111 22 33", tools);
  assert.match(summary.text, /yalnızca teslim alırken/);
  assert.match(summary.text, /Teslimat: işletmemizden teslim alma/);
  assert.doesNotMatch(summary.text, /havale/i);
  const placed = await sim.say("evet", tools);
  const args = called(placed.calls, "create_order")[0]?.args;
  assert.equal(args?.delivery, "pickup");
  assert.equal(args?.payment_method, "pay_at_shop");
});

Deno.test("offline order: English replies leave out descriptions written only in Turkish", async () => {
  const sim = new Simulator({ locale: "en" });
  const reply = await sim.say("tell me about the sunscreen", shop(SALON));
  assert.match(reply.text, /Güneş Kremi SPF 50/);
  assert.match(reply.text, /only available in Turkish/);
  assert.doesNotMatch(reply.text, /Güneşe çıkmadan|Yüz için/);
  const brand = await sim.say("what brand is it?", shop(SALON));
  assert.match(brand.text, /made by Işıl Kozmetik/);
  const usage = await sim.say("how do I use it?", shop(SALON));
  assert.match(
    usage.text,
    /written in Turkish only\): "Güneşe çıkmadan 20 dakika önce uygulayın\."/,
  );
  const both = await sim.say("how much is the argan shampoo and what brand is it", shop(SALON));
  assert.match(both.text, /₺320\.00/);
  assert.match(both.text, /Anatolia Hair/);
});

Deno.test("offline order: a line taken out, 'N değil M', and 'vazgeçtim' beside a payment word", async () => {
  const tools = shop(SALON);
  const sim = new Simulator();
  await sim.say("2 argan şampuan ve 1 nemlendirici krem, gelip alırım", tools);
  const out = await sim.say("kremi çıkarın onu istemiyorum", tools);
  assert.match(out.text, /Nemlendirici Krem siparişten çıkarıldı/);
  assert.doesNotMatch(out.text, /10 adet/);
  const changed = await sim.say("pardon 2 değil 3 olsun", tools);
  assert.match(changed.text, /Argan Yağı Şampuan 3 adet/);
  await sim.say("Ece Sarı 0555 666 77 88", tools);
  const summary = await sim.say("havale", tools);
  assert.match(summary.text, /3 × Argan Yağı Şampuan \(960,00 ₺\)/);
  assert.doesNotMatch(summary.text, /Nemlendirici/);
  const dropped = await sim.say("kapıda ödeme yoksa almayayım, vazgeçtim", tools);
  assert.doesNotMatch(dropped.text, /Onaylıyor/);
  const after = await sim.say("evet", tools);
  assert.equal(called(after.calls, "create_order").length, 0);
});

Deno.test("offline order: the status of an order placed here, and of none", async () => {
  const tools = shop(SALON);
  const none = new Simulator({ locale: "en" });
  const unknown = await none.say("where is my order?", tools);
  assert.match(unknown.text, /can't see order status/);
  const sim = new Simulator();
  for (const text of ["1 argan şampuan gelip alırım", "Oya Ekin 0533 444 55 66", "havale"]) {
    await sim.say(text, tools);
  }
  const placed = await sim.say("evet", tools);
  assert.equal(called(placed.calls, "create_order").length, 1);
  const status = await sim.say("siparişim ne durumda", tools);
  assert.match(status.text, /S-1001 numaralı siparişinizi aldık/);
  assert.match(status.text, /Teslim almaya hazır/);
});

Deno.test("offline order: 'bir tane daha' adds to a line, and the IBAN is promised with the order", async () => {
  const tools = shop(SALON);
  const sim = new Simulator();
  await sim.say("2 argan şampuan kargoyla", tools);
  const more = await sim.say("bir tane daha ekleyin", tools);
  assert.match(more.text, /Argan Yağı Şampuan 3 adet/);
  await sim.say("Moda Mah. Şair Nefi Sok. No: 8 Kadıköy İstanbul", tools);
  await sim.say("Ali Veli 0532 123 45 67", tools);
  const iban = await sim.say("iban nedir", tools);
  assert.match(iban.text, /IBAN bilgimizi, siparişinizi onayladığınızda/);
  assert.match(iban.text, /3 × Argan Yağı Şampuan/);
  assert.equal(called(iban.calls, "create_order").length, 0);
});
