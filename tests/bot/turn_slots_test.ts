import assert from "node:assert/strict";
import { type EngineEvent, runTurn } from "../../services/bot/engine.ts";
import type { ChatModel, ModelChunk } from "../../services/bot/model.ts";
import { withDeadline } from "../../lib/deadline.ts";
import { TurnSlots } from "../../services/bot/turn_slots.ts";
import { startTestApp } from "../_support/app.ts";
import { setupSalon } from "../_support/salon.ts";

const tick = () => new Promise((r) => setTimeout(r, 0));

Deno.test("turn slots: first come first served, and no more than the limit at work", async () => {
  const slots = new TurnSlots(2);
  const a = await slots.take();
  await slots.take();
  const order: string[] = [];
  const c = slots.take().then((s) => (order.push("c"), s));
  const d = slots.take().then((s) => (order.push("d"), s));
  await tick();
  assert.deepEqual([order, slots.waiting], [[], 2]);
  a.release();
  a.release();
  await tick();
  assert.deepEqual([order, slots.waiting], [["c"], 1]);
  (await c).release();
  await d;
  assert.deepEqual(order, ["c", "d"]);
});

Deno.test("turn slots: a paused turn lets a waiter in, and comes back at once over the limit", async () => {
  const slots = new TurnSlots(1);
  const first = await slots.take();
  let secondIn = false;
  const second = slots.take().then((s) => (secondIn = true, s));
  await tick();
  assert.equal(secondIn, false);
  first.pause();
  await tick();
  assert.equal(secondIn, true);
  first.resume();
  assert.equal(slots.free, -1);
  let thirdIn = false;
  const third = slots.take().then((s) => (thirdIn = true, s));
  (await second).release();
  await tick();
  assert.equal(thirdIn, false, "still one over the limit: the third waits");
  first.release();
  await tick();
  assert.equal(thirdIn, true);
  (await third).release();
  assert.equal(slots.free, 1);
  assert.throws(() => new TurnSlots(0), RangeError);
});

Deno.test("the engine holds no slot while its model thinks, and streams when it answers", async () => {
  const app = await startTestApp();
  try {
    const salon = await setupSalon(app);
    const thinking = Promise.withResolvers<void>();
    const asked: string[] = [];
    const model: ChatModel = {
      name: "scripted",
      async *stream(request): AsyncIterable<ModelChunk> {
        const last = request.history.at(-1);
        const text = last && "text" in last ? String(last.text) : "";
        asked.push(text);
        if (text.includes("slow")) await thinking.promise;
        yield { type: "text", text: `Yanıt: ${text}` };
      },
    };
    const deps = {
      db: app.db,
      model,
      paymentProvider: "manual" as const,
      slots: new TurnSlots(1),
    };
    const collect = async (message: string) => {
      const events: EngineEvent[] = [];
      for await (const e of runTurn(deps, { tenantId: salon.tenantId, message, channel: "web" })) {
        events.push(e);
      }
      return events.filter((e) => e.type === "delta").map((e) => (e as { text: string }).text)
        .join("");
    };
    const slow = collect("slow question");
    const deadline = Date.now() + 10_000;
    while (asked.length === 0) {
      assert.ok(Date.now() < deadline, "the slow turn never reached its model");
      await tick();
    }
    // The only slot is free while the slow turn's model thinks: another turn runs to its end.
    assert.equal(
      await withDeadline(collect("quick question"), 10_000, "The quick turn"),
      "Yanıt: quick question",
    );
    thinking.resolve();
    assert.equal(await slow, "Yanıt: slow question");
    assert.equal(deps.slots.free, 1);
  } finally {
    await app.close();
  }
});
