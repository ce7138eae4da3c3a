import assert from "node:assert/strict";
import { withTenant } from "../../db/tenant.ts";
import { HISTORY_MESSAGES } from "../../services/bot/conversations.ts";
import { type EngineEvent, runTurn } from "../../services/bot/engine.ts";
import { createGeminiModel } from "../../services/bot/gemini.ts";
import { startTestApp } from "../_support/app.ts";
import { nextWeekday, setupSalon } from "../_support/salon.ts";
import {
  callTurn,
  errorTurn,
  FAKE_GEMINI_API_KEY,
  lastRequest,
  latestFunctionResponses,
  stallTurn,
  startFakeGemini,
  textTurn,
} from "../fakes/gemini.ts";

async function collect(events: AsyncGenerator<EngineEvent>) {
  const all: EngineEvent[] = [];
  for await (const e of events) all.push(e);
  const done = all.find((e) => e.type === "done") as Extract<EngineEvent, { type: "done" }>;
  return {
    all,
    done,
    text: all.filter((e) => e.type === "delta").map((e) => (e as { text: string }).text).join(""),
    meta: all.find((e) => e.type === "meta") as Extract<EngineEvent, { type: "meta" }>,
  };
}

Deno.test("the engine with Gemini (real SDK, fake server)", async (t) => {
  const fake = startFakeGemini({ strict: true });
  const app = await startTestApp();
  const salon = await setupSalon(app);
  const model = createGeminiModel({
    apiKey: FAKE_GEMINI_API_KEY,
    model: "gemini-2.5-flash",
    baseUrl: fake.url,
    backoffMs: 10,
  });
  const deps = { db: app.db, model, paymentProvider: "manual" as const, roundTimeoutMs: 2000 };
  const turn = (message: string, more: Partial<Parameters<typeof runTurn>[1]> = {}) =>
    collect(runTurn(deps, { tenantId: salon.tenantId, message, channel: "web", ...more }));
  // The model books a haircut with create_appointment, then answers with `reply`.
  const bookHaircut = (
    date: string,
    time: string,
    customer: { name: string; phone: string },
    reply: string,
  ) =>
    fake.enqueue(
      callTurn([{
        name: "create_appointment",
        args: { service_id: salon.services.cut, date, time, customer },
      }]),
      textTurn(reply),
    );
  try {
    await t.step("a function call, its result back to the model, then text", async () => {
      fake.enqueue(
        callTurn([{ name: "list_services", args: {} }]),
        textTurn(["Saç Kesimi 450 ₺", ", Saç Boyama 1800 ₺."]),
      );
      const r = await turn("Hizmetleriniz neler?");
      assert.equal(r.text, "Saç Kesimi 450 ₺, Saç Boyama 1800 ₺.");
      const tool = r.all.find((e) => e.type === "tool") as {
        name: string;
        result: { services: unknown[] };
      };
      assert.equal(tool.name, "list_services");
      assert.equal(tool.result.services.length, 3);
      const responses = latestFunctionResponses(fake);
      assert.equal(responses[0]!.name, "list_services");
      const request = lastRequest(fake).body;
      const system = JSON.stringify(request.systemInstruction);
      assert.match(system, /Test Kuaför/);
      assert.match(system, /Europe\/Istanbul/);
      assert.match(system, /today is \d{4}-\d{2}-\d{2}/);
      const names = request.tools![0]!.functionDeclarations!.map((d) => d.name);
      for (
        const name of [
          "list_services",
          "check_availability",
          "create_appointment",
          "create_order",
          "cancel_appointment",
          "search_knowledge",
          "request_handover",
        ]
      ) {
        assert.ok(names.includes(name), name);
      }
      const stored = await withTenant(
        app.db,
        salon.tenantId,
        (tx) =>
          tx`select role, content, metadata from messages where conversation_id = ${r.meta.conversation_id} order by seq`,
      );
      assert.deepEqual(stored.map((m) => m.role), ["user", "assistant"]);
      const meta = stored[1]!.metadata as Record<string, unknown>;
      assert.equal(meta.model, "gemini-2.5-flash");
      assert.ok(typeof meta.latency_ms === "number");
      assert.ok((meta.tokens as { input: number }).input > 0);
      assert.equal((meta.tool_calls as { name: string }[])[0]!.name, "list_services");
    });

    await t.step("parallel calls run together and a tool error goes back as a result", async () => {
      fake.enqueue(
        callTurn([
          { name: "check_stock", args: { product_id: salon.products.cream } },
          { name: "get_product_details", args: { product_id: crypto.randomUUID() } },
        ]),
        textTurn("Krem stokta var; diğer ürünü bulamadım."),
      );
      const r = await turn("Krem ve diğer ürün var mı?");
      const tools = r.all.filter((e) => e.type === "tool") as {
        name: string;
        result: Record<string, unknown>;
      }[];
      assert.equal(tools.length, 2);
      assert.equal(tools[0]!.result.in_stock, true);
      assert.equal((tools[1]!.result.error as { code: string }).code, "not_found");
      const responses = latestFunctionResponses(fake);
      assert.equal(responses.length, 2);
      assert.ok(JSON.stringify(responses[1]!.response).includes("not_found"));
    });

    await t.step("a booking through the tools, and the reply that claims it stands", async () => {
      const day = nextWeekday(4);
      bookHaircut(
        day,
        "11:00",
        { name: "Ali Veli", phone: "0532 123 45 67" },
        "Randevunuz oluşturuldu. Perşembe görüşmek üzere!",
      );
      const r = await turn("Perşembe 11:00 saç kesimi, Ali Veli, 0532 123 45 67");
      assert.equal(r.text, "Randevunuz oluşturuldu. Perşembe görüşmek üzere!");
      const tool = r.all.find((e) => e.type === "tool") as {
        result: { confirmation_code: string };
      };
      assert.match(tool.result.confirmation_code, /^[A-Z2-9]{6}$/);
    });

    await t.step("a reply that claims a booking no tool made is replaced", async () => {
      fake.enqueue(
        textTurn(["Tamam! ", "Randevunuz oluşturuldu, onay kodunuz XY12ZQ.", " Görüşmek üzere."]),
      );
      const r = await turn("Yarın 10'a randevu istiyorum");
      assert.equal(r.text.includes("oluşturuldu"), false);
      assert.match(r.text, /henüz oluşturamadım/);
      assert.match(r.text, /^Tamam! /);
      const [row] = await withTenant(
        app.db,
        salon.tenantId,
        (tx) => tx`select metadata from messages where id = ${r.done.message_id}`,
      );
      assert.ok((row!.metadata as { refused_claims?: string[] }).refused_claims?.length);
    });

    await t.step("retries after 429 and 503, then answers", async () => {
      fake.enqueue(errorTurn(429), errorTurn(503), textTurn("Merhaba!"));
      const r = await turn("Merhaba");
      assert.equal(r.text, "Merhaba!");
    });

    await t.step(
      "an unreachable model gets the customer an apology; the conversation stays",
      async () => {
        fake.enqueue(errorTurn(500), errorTurn(500), errorTurn(500));
        const r = await turn("Merhaba", { locale: "en" });
        assert.match(r.text, /^Sorry, I can't answer right now/);
        const again = await withTenant(
          app.db,
          salon.tenantId,
          (tx) =>
            tx`select count(*)::int as n from messages where conversation_id = ${r.meta.conversation_id}`,
        );
        assert.equal(again[0]!.n, 2);
      },
    );

    await t.step("a stalled stream times out into an apology", async () => {
      fake.enqueue(stallTurn());
      const r = await turn("Merhaba");
      assert.match(r.text, /^Özür dilerim/);
    });

    await t.step("at most six tool rounds a turn", async () => {
      for (let i = 0; i < 7; i++) fake.enqueue(callTurn([{ name: "list_products", args: {} }]));
      const r = await turn("Ürünler?");
      assert.equal(r.all.filter((e) => e.type === "tool").length, 6);
      assert.match(r.text, /tamamlayamadım/);
      fake.requests.length = 0;
    });

    await t.step("a handover stops the assistant until handed back", async () => {
      fake.enqueue(callTurn([{ name: "request_handover", args: { reason: "customer asked" } }]));
      const first = await turn("Bir yetkiliyle görüşmek istiyorum");
      assert.ok(first.all.some((e) => e.type === "handover"));
      assert.match(first.text, /yetkiliye aktardım/);
      const before = fake.requests.length;
      const second = await turn("Orada mısınız?", {
        conversationId: first.meta.conversation_id,
        token: first.meta.conversation_token,
      });
      assert.equal(second.text, "");
      assert.equal(fake.requests.length, before, "the model was not asked");
    });

    await t.step(
      "a long conversation shows the model its latest messages; earlier bookings still count",
      async () => {
        const day = nextWeekday(5);
        bookHaircut(
          day,
          "15:00",
          { name: "Ayşe Kaya", phone: "0533 765 43 21" },
          "Randevunuz oluşturuldu.",
        );
        const first = await turn("Cuma 15:00 saç kesimi, Ayşe Kaya, 0533 765 43 21");
        const code = (first.all.find((e) => e.type === "tool") as {
          result: { confirmation_code: string };
        }).result.confirmation_code;
        const more = {
          conversationId: first.meta.conversation_id,
          token: first.meta.conversation_token,
        };
        for (let i = 0; i < HISTORY_MESSAGES / 2; i++) {
          fake.enqueue(textTurn(`Yanıt ${i}`));
          await turn(`Soru ${i}`, more);
        }
        fake.enqueue(textTurn(`Randevunuz oluşturuldu, onay kodunuz ${code}.`));
        const last = await turn("Randevum duruyor mu?", more);
        assert.equal(last.text, `Randevunuz oluşturuldu, onay kodunuz ${code}.`);
        const contents = lastRequest(fake).body.contents;
        const texts = contents.flatMap((c) => (c.parts ?? []).map((p) => p.text ?? ""));
        assert.equal(contents[0]!.role, "user");
        assert.equal(texts.includes("Cuma 15:00 saç kesimi, Ayşe Kaya, 0533 765 43 21"), false);
        assert.equal(texts.at(-1), "Randevum duruyor mu?");
        assert.ok(contents.length <= HISTORY_MESSAGES, `${contents.length} contents`);
      },
    );

    await t.step("a conversation needs its token", async () => {
      const first = await (async () => {
        fake.enqueue(textTurn("Merhaba!"));
        return await turn("Merhaba");
      })();
      await assert.rejects(
        () => turn("Hi", { conversationId: first.meta.conversation_id, token: "ct_wrong" }),
        (err: { status?: number }) => err.status === 404,
      );
    });
  } finally {
    await app.close();
    await fake.close();
  }
});
