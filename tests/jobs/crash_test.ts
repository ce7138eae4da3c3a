import assert from "node:assert/strict";
import { DATABASE_URL, REDIS_URL } from "../_support/app.ts";
import { scratchDatabase, startServerProcess } from "../_support/server_process.ts";
import { startFakeStripe } from "../fakes/stripe.ts";

const KEY = "sk_test_crash_0001";

Deno.test("a job cut off by a killed process completes after restart, and Stripe sees it once", async () => {
  const fake = startFakeStripe({ secretKey: KEY });
  const dataDir = await Deno.makeTempDir({ prefix: "arma-crash-" });
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    DEMO_SEED: "false",
    STRIPE_SECRET_KEY: KEY,
    STRIPE_WEBHOOK_SECRET: "whsec_crash_0001",
    STRIPE_API_BASE: fake.url,
    JOB_LEASE_SECONDS: "2",
    PUBLIC_URL: "https://salon.example",
  };
  const database = await scratchDatabase(DATABASE_URL);
  if (database.url) env.DATABASE_URL = database.url;
  if (REDIS_URL) env.REDIS_URL = REDIS_URL;
  const json = (body: unknown, token?: string) => ({
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  try {
    const first = await startServerProcess(env);
    const email = `crash-${crypto.randomUUID()}@example.com`;
    const signup = await (await fetch(
      `${first.url}/api/auth/signup`,
      json({ business_name: "Crash Test", email, password: "crash password" }),
    )).json();
    const product = await (await fetch(
      `${first.url}/api/offerings`,
      json({
        offering_type: "product",
        name: "Krem",
        price: 100,
        meta_info: { stock_quantity: 5 },
      }, signup.access_token),
    )).json();
    fake.stallResponses(true);
    const placing = fetch(
      `${first.url}/api/orders`,
      json({
        items: [{ product_id: product.id, quantity: 1 }],
        customer: { name: "Ali Veli", phone: "05321234567" },
        payment_method: "card",
        delivery: "pickup",
      }, signup.access_token),
    ).then((r) => r.status, () => "connection lost");
    const deadline = Date.now() + 20_000;
    while (fake.createdCount === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(fake.createdCount, 1, "the first process reached Stripe");
    await first.kill();
    // Whether the request or the worker ran the job first, the order itself was committed.
    assert.ok([201, "connection lost"].includes(await placing));
    fake.stallResponses(false);

    const second = await startServerProcess(env);
    const login = await (await fetch(
      `${second.url}/api/auth/login`,
      json({ email, password: "crash password" }),
    )).json();
    let order: { payment_link: string | null; status: string } | undefined;
    const until = Date.now() + 30_000;
    while (!order?.payment_link && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
      const list = await (await fetch(`${second.url}/api/orders`, {
        headers: { Authorization: `Bearer ${login.access_token}` },
      })).json();
      order = list.data[0];
    }
    assert.ok(order, "the order committed before the crash survived it");
    const session = [...fake.sessions.values()][0]!;
    assert.equal(order.payment_link, session.url, "the restarted worker finished the job");
    assert.equal(fake.createdCount, 1, "the provider created one session");
    const creates = fake.requests.filter((r) => r.path === "/v1/checkout/sessions");
    assert.equal(creates.length, 2, "the retry was sent with the same idempotency key");
    assert.equal(creates[0]!.headers["idempotency-key"], creates[1]!.headers["idempotency-key"]);
    await second.stop();
  } finally {
    await fake.close();
    await Deno.remove(dataDir, { recursive: true });
    await database.drop();
  }
});
