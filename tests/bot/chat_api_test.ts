import assert from "node:assert/strict";
import { withDeadline } from "../../lib/deadline.ts";
import { REDIS_URL, startTestApp, type TestApp } from "../_support/app.ts";
import { setupSalon } from "../_support/salon.ts";
import { callTurn, FAKE_GEMINI_API_KEY, startFakeGemini, textTurn } from "../fakes/gemini.ts";

function geminiEnv(url: string, extra: Record<string, string> = {}) {
  return { GEMINI_API_KEY: FAKE_GEMINI_API_KEY, GEMINI_BASE_URL: url, ...extra };
}

/** A WebSocket client that collects JSON frames and waits for the one it needs. */
function socket(url: string) {
  const ws = new WebSocket(url);
  const frames: Record<string, unknown>[] = [];
  const waiters: {
    test: (f: Record<string, unknown>) => boolean;
    resolve: (f: Record<string, unknown>) => void;
  }[] = [];
  ws.onmessage = (e) => {
    const frame = JSON.parse(e.data);
    frames.push(frame);
    for (const w of [...waiters]) {
      if (w.test(frame)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
    }
  };
  // A refused upgrade never opens: it errors and closes, and the test says so.
  const opened = withDeadline(
    new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onclose = (e) => reject(new Error(`the socket closed before it opened (${e.code})`));
    }),
    5000,
    "Opening the socket",
  );
  return {
    frames,
    opened,
    send: (data: unknown) => ws.send(JSON.stringify(data)),
    next(test: (f: Record<string, unknown>) => boolean, ms = 5000) {
      const found = frames.find(test);
      if (found) return Promise.resolve(found);
      return new Promise<Record<string, unknown>>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no frame in ${ms} ms: ${JSON.stringify(frames)}`)),
          ms,
        );
        waiters.push({ test, resolve: (f) => (clearTimeout(timer), resolve(f)) });
      });
    },
    async close() {
      if (ws.readyState === WebSocket.CLOSED) return;
      const closed = new Promise((r) => ws.onclose = r);
      ws.close();
      await withDeadline(closed, 5000, "Closing the socket");
    },
  };
}

function serve(app: TestApp) {
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, app.app.fetch);
  return { server, base: `127.0.0.1:${server.addr.port}` };
}

Deno.test("chat API: JSON, SSE, history, handover and the business's reply", async (t) => {
  const fake = startFakeGemini();
  const app = await startTestApp({ env: geminiEnv(fake.url) });
  try {
    const salon = await setupSalon(app);
    const key = salon.publishableKey;
    let conversation = "";
    let token = "";

    await t.step(
      "JSON: a new conversation with its token, the reply and the tool calls",
      async () => {
        fake.enqueue(
          callTurn([{ name: "list_services", args: {} }]),
          textTurn("Saç Kesimi 450 ₺."),
        );
        const res = await app.request("POST", "/api/chat/message", {
          key,
          body: { message: "Fiyatlarınız?", customer: { name: "Ali", phone: "05321234567" } },
        });
        assert.equal(res.status, 200, res.text);
        assert.ok(res.body.conversation_id);
        assert.match(res.body.conversation_token, /^ct_/);
        assert.equal(res.body.reply, "Saç Kesimi 450 ₺.");
        assert.equal(res.body.tool_calls[0].name, "list_services");
        conversation = res.body.conversation_id;
        token = res.body.conversation_token;
      },
    );

    await t.step("SSE: meta, status, tool, delta and done events", async () => {
      fake.enqueue(
        callTurn([{ name: "check_stock", args: { product_id: salon.products.cream } }]),
        textTurn(["Krem ", "stokta."]),
      );
      const res = await app.request("POST", "/api/chat/message", {
        key,
        body: { conversation_id: conversation, message: "Krem var mı?" },
        headers: { Accept: "text/event-stream", "X-Conversation-Token": token },
      });
      assert.match(res.headers.get("content-type") ?? "", /text\/event-stream/);
      const events = [...res.text.matchAll(/event: (\w+)\ndata: (.*)\n/g)].map((m) => ({
        event: m[1],
        data: JSON.parse(m[2]!),
      }));
      assert.deepEqual(
        events.map((e) => e.event),
        ["meta", "status", "tool", "delta", "delta", "done"],
      );
      assert.equal(events[0]!.data.conversation_id, conversation);
      assert.equal(events[1]!.data.text, "Stok kontrol ediliyor…");
      assert.equal(events.at(-1)!.data.text, "Krem stokta.");
    });

    await t.step("someone else's token, or none, reads nothing", async () => {
      const none = await app.request("GET", `/api/chat/history/${conversation}`, { key });
      assert.equal(none.status, 404);
      const wrong = await app.request("POST", "/api/chat/message", {
        key,
        body: { conversation_id: conversation, message: "x" },
        headers: { "X-Conversation-Token": "ct_not-it" },
      });
      assert.equal(wrong.status, 404);
      const wrongInBody = await app.request("POST", "/api/chat/message", {
        key,
        body: { conversation_id: conversation, conversation_token: "ct_not-it", message: "x" },
      });
      assert.equal(wrongInBody.status, 404);
    });

    await t.step(
      "history for the customer (no internals) and for the business (tool calls)",
      async () => {
        const mine = await app.request("GET", `/api/chat/history/${conversation}`, {
          key,
          headers: { "X-Conversation-Token": token },
        });
        assert.equal(mine.status, 200);
        assert.equal(mine.body.messages.length, 4);
        assert.equal(JSON.stringify(mine.body).includes("tool_calls"), false);
        const business = await app.request("GET", `/api/chat/history/${conversation}`, {
          token: salon.token,
        });
        assert.equal(business.body.messages[1].metadata.tool_calls[0].name, "list_services");
      },
    );

    await t.step(
      "the customer asks for a person; the business answers and hands back",
      async () => {
        const handover = await app.request("POST", "/api/chat/handover", {
          key,
          body: { conversation_id: conversation, reason: "insan istiyorum" },
          headers: { "X-Conversation-Token": token },
        });
        assert.equal(handover.body.status, "handover");
        const quiet = await app.request("POST", "/api/chat/message", {
          key,
          body: { conversation_id: conversation, message: "Merhaba?" },
          headers: { "X-Conversation-Token": token },
        });
        assert.equal(quiet.body.reply, "");
        assert.equal(quiet.body.status, "handover");
        const reply = await app.request(
          "POST",
          `/api/chat/conversations/${conversation}/messages`,
          {
            token: salon.token,
            body: { text: "Merhaba, ben Işıl. Nasıl yardımcı olabilirim?" },
          },
        );
        assert.equal(reply.status, 201);
        const inbox = await app.request("GET", "/api/chat/conversations?status=handover", {
          token: salon.token,
        });
        assert.equal(inbox.body.data[0].id, conversation);
        assert.equal(inbox.body.data[0].last_role, "staff");
        const back = await app.request("POST", `/api/chat/conversations/${conversation}/handback`, {
          token: salon.token,
        });
        assert.equal(back.body.status, "active");
        fake.enqueue(textTurn("Tekrar buradayım."));
        const again = await app.request("POST", "/api/chat/message", {
          key,
          body: { conversation_id: conversation, message: "Teşekkürler" },
          headers: { "X-Conversation-Token": token },
        });
        assert.equal(again.body.reply, "Tekrar buradayım.");
        const staffMessage = JSON.stringify(fake.requests.at(-1)!.body.contents);
        assert.match(staffMessage, /Işıl/, "the model sees what the person wrote");
      },
    );

    await t.step("the id alone, or the token in the body, continues the conversation", async () => {
      fake.enqueue(textTurn("Tabii."), textTurn("Rica ederim."));
      const byId = await app.request("POST", "/api/chat/message", {
        key,
        body: { conversation_id: conversation, message: "Teşekkürler" },
      });
      assert.equal(byId.status, 200, byId.text);
      assert.equal(byId.body.conversation_id, conversation);
      assert.equal(byId.body.reply, "Tabii.");
      const inBody = await app.request("POST", "/api/chat/message", {
        key,
        body: { conversation_id: conversation, conversation_token: token, message: "Sağ olun" },
      });
      assert.equal(inBody.status, 200, inBody.text);
      assert.equal(inBody.body.reply, "Rica ederim.");
      const history = await app.request("GET", `/api/chat/history/${conversation}`, {
        key,
        headers: { "X-Conversation-Token": token },
      });
      const texts = history.body.messages.map((m: { text: string }) => m.text);
      assert.ok(texts.includes("Teşekkürler") && texts.includes("Sağ olun"), texts.join(" | "));
    });
  } finally {
    await app.close();
    await fake.close();
  }
});

Deno.test("chat WebSocket: streaming, resume without loss or repeats, the business's reply live across processes", async () => {
  const fake = startFakeGemini();
  const prefix = `test:${crypto.randomUUID()}:`;
  const shared = { JWT_SECRET: crypto.randomUUID() + crypto.randomUUID() };
  const customerSide = await startTestApp({ env: geminiEnv(fake.url, shared), kvPrefix: prefix });
  // With Redis the business answers from a second app (another process in production); without
  // it, from the same app.
  const businessSide = REDIS_URL
    ? await startTestApp({
      env: geminiEnv(fake.url, shared),
      kvPrefix: prefix,
      db: customerSide.db,
    })
    : customerSide;
  const { server, base } = serve(customerSide);
  try {
    const salon = await setupSalon(customerSide);
    const url = `ws://${base}/api/chat/ws?key=${salon.publishableKey}`;
    const a = socket(url);
    await a.opened;
    fake.enqueue(textTurn(["Merhaba! ", "Size nasıl yardımcı olabilirim?"]));
    a.send({ type: "message", message: "Merhaba" });
    const meta = await a.next((f) => f.type === "meta");
    const done = await a.next((f) => f.type === "done");
    assert.equal(done.text, "Merhaba! Size nasıl yardımcı olabilirim?");
    assert.ok(a.frames.some((f) => f.type === "delta"));
    const conversationId = String(meta.conversation_id);
    const token = String(meta.conversation_token);
    await a.close();

    // While the customer is away, the business answers.
    const away = await businessSide.request(
      "POST",
      `/api/chat/conversations/${conversationId}/messages`,
      { token: salon.token, body: { text: "Randevunuz için yardımcı olayım." } },
    );
    assert.equal(away.status, 201, away.text);
    const b = socket(url);
    await b.opened;
    b.send({
      type: "hello",
      conversation_id: conversationId,
      conversation_token: token,
      after_seq: 2,
    });
    const missed = await b.next((f) => f.type === "message" && f.role === "staff");
    assert.equal(missed.text, "Randevunuz için yardımcı olayım.");
    assert.equal(b.frames.filter((f) => f.type === "message").length, 1, "only what was missed");

    // Live: the business answers again, from the other process.
    const now = await businessSide.request(
      "POST",
      `/api/chat/conversations/${conversationId}/messages`,
      { token: salon.token, body: { text: "Yarın 14:00 uygun mu?" } },
    );
    assert.equal(now.status, 201, now.text);
    const live = await b.next((f) => f.type === "message" && f.text === "Yarın 14:00 uygun mu?");
    assert.equal(live.role, "staff");
    const seqs = b.frames.filter((f) => f.type === "message").map((f) => f.seq as number);
    assert.deepEqual(seqs, [...new Set(seqs)].sort((x, y) => x - y), "no repeats, in order");
    b.send({ type: "ping" });
    await b.next((f) => f.type === "pong");
    b.send({ type: "nonsense" });
    await b.next((f) => (f as { error?: { code: string } }).error?.code === "invalid_message");
    await b.close();
  } finally {
    await server.shutdown();
    if (businessSide !== customerSide) await businessSide.close();
    await customerSide.close();
    await fake.close();
  }
});
