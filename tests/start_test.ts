import assert from "node:assert/strict";
import { DATABASE_URL, REDIS_URL } from "./_support/app.ts";
import { freePort, scratchDatabase, startServerProcess } from "./_support/server_process.ts";

const ROOT = new URL("../", import.meta.url);

Deno.test("deno task start serves the demo business and keeps its data across restarts", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "arma-start-" });
  const port = freePort();
  const env: Record<string, string> = { PORT: String(port), DATA_DIR: dataDir };
  const database = await scratchDatabase(DATABASE_URL);
  if (database.url) env.DATABASE_URL = database.url;
  if (REDIS_URL) env.REDIS_URL = REDIS_URL;
  try {
    const first = await startServerProcess(env);
    assert.match(first.banner, new RegExp(`http://localhost:${port}/dashboard`));
    assert.match(first.banner, /Demo login: +demo@arma\.local \/ arma-demo-2026/);
    const key = /Demo publishable key: (pk_[0-9A-Za-z]{32})/.exec(first.banner)?.[1];
    assert.ok(key, first.banner);
    const base = first.url;
    const health = await (await fetch(`${base}/healthz`)).json();
    assert.equal(health.status, "ok");
    const offerings = await (await fetch(`${base}/api/offerings?limit=100`, {
      headers: { "X-Widget-Key": key },
    })).json();
    const services = offerings.data.filter((o: { offering_type: string }) =>
      o.offering_type === "service"
    );
    const products = offerings.data.filter((o: { offering_type: string }) =>
      o.offering_type === "product"
    );
    assert.ok(services.length >= 6);
    assert.ok(products.length >= 4);
    const login = await (await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: "demo@arma.local", password: "arma-demo-2026" }),
    })).json();
    const staff = await (await fetch(`${base}/api/staff`, {
      headers: { Authorization: `Bearer ${login.access_token}` },
    })).json();
    assert.equal(staff.data.length, 3);
    assert.equal(login.tenant.settings.business_hours.sun.length, 0);
    assert.deepEqual(login.tenant.settings.business_hours.mon, [{ open: "09:00", close: "19:00" }]);

    // A dashboard's live stream and a widget's socket, open while the server stops: both end.
    const events = await fetch(`${base}/api/events`, {
      headers: { Authorization: `Bearer ${login.access_token}` },
    });
    assert.equal(events.headers.get("content-type"), "text/event-stream");
    const stream = events.body!.pipeThrough(new TextDecoderStream()).getReader();
    assert.match((await stream.read()).value ?? "", /event: ready/);
    const socket = new WebSocket(`${base.replace("http", "ws")}/api/chat/ws?key=${key}`);
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = reject;
    });
    const socketClosed = new Promise<number>((resolve) => socket.onclose = (e) => resolve(e.code));
    const stopped = await first.stop();
    assert.equal(stopped.code, 0, stopped.stderr);
    while (!(await stream.read()).done);
    assert.equal(await socketClosed, 1001, "the widget is told the server is going away");

    const second = await startServerProcess(env);
    assert.match(second.banner, new RegExp(key), "the same demo key is printed again");
    const again = await (await fetch(`${base}/api/offerings?limit=100`, {
      headers: { "X-Widget-Key": /Demo publishable key: (pk_\w+)/.exec(second.banner)![1]! },
    })).json();
    assert.equal(again.data.length, offerings.data.length, "the demo was not seeded twice");
    assert.equal((await second.stop()).code, 0);
  } finally {
    await Deno.remove(dataDir, { recursive: true });
    await database.drop();
  }
});

Deno.test("a bad environment variable stops the start with its name", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts"],
    cwd: ROOT,
    env: { PORT: "not-a-port" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 1);
  assert.match(new TextDecoder().decode(out.stderr), /environment variable PORT is invalid/);
});
