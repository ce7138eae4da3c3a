import assert from "node:assert/strict";
import { withTenant } from "../../db/tenant.ts";
import { productBody, serviceBody, signupBusiness, startTestApp } from "../_support/app.ts";

Deno.test("a raw query inside B's tenant transaction sees none of A's rows", async () => {
  const app = await startTestApp();
  try {
    const a = await signupBusiness(app, "A");
    const b = await signupBusiness(app, "B");
    const svc = await app.request("POST", "/api/offerings", {
      token: a.token,
      body: serviceBody(),
    });
    await app.request("POST", "/api/offerings", { token: a.token, body: productBody() });
    await app.request("POST", "/api/staff", { token: a.token, body: { name: "Ayşe" } });
    await app.request("POST", "/api/keys", {
      token: a.token,
      body: { kind: "secret", name: "server" },
    });
    // A's appointment, order and conversation rows, written inside A's transaction.
    await withTenant(app.db, a.tenantId, async (tx) => {
      const [conv] =
        await tx`insert into conversations (tenant_id) values (${a.tenantId}) returning id`;
      await tx`insert into messages (tenant_id, conversation_id, seq, role, content)
        values (${a.tenantId}, ${conv!.id}, 1, 'user', 'merhaba')`;
      await tx`insert into appointments (tenant_id, offering_id, customer_name, customer_phone,
          scheduled_date, scheduled_time, starts_at, ends_at, blocked, confirmation_code)
        values (${a.tenantId}, ${svc.body.id}, 'Ali', '+905321234567', '2026-12-01', '10:00',
          '2026-12-01T07:00:00Z', '2026-12-01T07:45:00Z',
          tstzrange('2026-12-01T07:00:00Z', '2026-12-01T07:45:00Z'), 'ABC234')`;
      await tx`insert into jobs (tenant_id, kind) values (${a.tenantId}, 'test')`;
    });
    const tables = await app.db.sql<{ table_name: string }[]>`
      select table_name from information_schema.columns
      where table_schema = 'public' and column_name = 'tenant_id'`;
    const aRows = await withTenant(app.db, a.tenantId, async (tx) => {
      const counts: Record<string, number> = {};
      for (const { table_name } of tables) {
        const [row] = await tx`select count(*)::int as n from ${tx(table_name)}`;
        counts[table_name] = row!.n as number;
      }
      return counts;
    });
    assert.ok(Object.values(aRows).filter((n) => n > 0).length >= 10, JSON.stringify(aRows));
    await withTenant(app.db, b.tenantId, async (tx) => {
      for (const { table_name } of tables) {
        const [row] = await tx`
          select count(*)::int as n from ${tx(table_name)} where tenant_id = ${a.tenantId}`;
        assert.equal(row!.n, 0, `${table_name} leaks A's rows into B's transaction`);
      }
      const [tenant] = await tx`select count(*)::int as n from tenants where id = ${a.tenantId}`;
      assert.equal(tenant!.n, 0);
      const [users] = await tx`select count(*)::int as n from users where id = ${a.userId}`;
      assert.equal(users!.n, 0, "B sees A's user");
      const updated =
        await tx`update offerings set price = 1 where tenant_id = ${a.tenantId} returning id`;
      assert.equal(updated.length, 0);
      const deleted = await tx`delete from offerings where tenant_id = ${a.tenantId} returning id`;
      assert.equal(deleted.length, 0);
      await assert.rejects(
        () =>
          tx.savepoint((sp) =>
            sp`insert into offerings (tenant_id, name, offering_type, price)
          values (${a.tenantId}, 'intruder', 'product', 1)`
          ),
        (err: { code?: string }) => err.code === "42501",
        "B cannot write rows into A's tenant",
      );
    });
    const [still] = await withTenant(
      app.db,
      a.tenantId,
      (tx) => tx`select price from offerings where id = ${svc.body.id}`,
    );
    assert.equal(still!.price, 450);
  } finally {
    await app.close();
  }
});

Deno.test("withTenant() refuses a tenant id that is not a UUID", async () => {
  const app = await startTestApp();
  try {
    await assert.rejects(
      () => withTenant(app.db, "' or 1=1 --", () => Promise.resolve()),
      TypeError,
    );
  } finally {
    await app.close();
  }
});
