import assert from "node:assert/strict";
import { signupBusiness, startTestApp } from "../_support/app.ts";

Deno.test("bodies over 1 MB are refused with 413 over real HTTP, whether or not they are read", async () => {
  const app = await startTestApp();
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, app.app.fetch);
  try {
    const biz = await signupBusiness(app);
    const base = `http://127.0.0.1:${server.addr.port}`;
    const big = JSON.stringify({ name: "x".repeat(1024 * 1024) });
    for (
      const [method, path] of [
        ["POST", "/api/offerings"],
        ["DELETE", `/api/keys/${crypto.randomUUID()}`],
        ["POST", "/api/auth/login"],
      ]
    ) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${biz.token}` },
        body: big,
      });
      const body = await res.json();
      assert.equal(res.status, 413, `${method} ${path}`);
      assert.equal(body.error.code, "payload_too_large");
    }
    const chunked = await fetch(`${base}/api/offerings`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${biz.token}` },
      body: new Blob([big]).stream(),
    });
    assert.equal(chunked.status, 413, "a chunked body without Content-Length is cut off too");
    await chunked.body?.cancel();
  } finally {
    await server.shutdown();
    await app.close();
  }
});
