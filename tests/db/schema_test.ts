import assert from "node:assert/strict";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import postgres from "postgres";
import { listMigrations, migrate, MigrationError } from "../../db/migrate.ts";
import { openTestDatabase } from "../_support/app.ts";

const SEED_TABLES = [
  "tenants",
  "offerings",
  "appointments",
  "orders",
  "order_items",
  "conversations",
  "messages",
  "devices",
  "device_usage",
];

Deno.test("schema", async (t) => {
  const db = await openTestDatabase();
  try {
    await t.step("every migration is applied and recorded", async () => {
      const files = await listMigrations();
      assert.ok(files.length >= 1);
      const rows = await db.sql<{ version: string }[]>`
        select version from schema_migrations order by version`;
      assert.deepEqual(rows.map((r) => r.version), files);
    });

    await t.step("the seed document's tables and indexes exist", async () => {
      const tables = await db.sql<{ table_name: string }[]>`
        select table_name from information_schema.tables where table_schema = 'public'`;
      const names = new Set(tables.map((r) => r.table_name));
      for (const t of SEED_TABLES) assert.ok(names.has(t), `missing table ${t}`);
      const [gin] = await db.sql<{ indexdef: string }[]>`
        select indexdef from pg_indexes where indexname = 'idx_offerings_meta'`;
      assert.match(gin!.indexdef, /USING gin \(meta_info\)/);
      for (const idx of ["idx_offerings_tenant", "idx_offerings_type", "idx_offerings_active"]) {
        const [row] = await db.sql`select 1 from pg_indexes where indexname = ${idx}`;
        assert.ok(row, `missing index ${idx}`);
      }
    });

    await t.step(
      "every table with tenant_id forces row-level security with the tenant policy",
      async () => {
        const tables = await db.sql<{ relname: string; forced: boolean; enabled: boolean }[]>`
        select c.relname, c.relforcerowsecurity as forced, c.relrowsecurity as enabled
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r'
          and exists (select 1 from information_schema.columns col
            where col.table_schema = 'public' and col.table_name = c.relname
              and col.column_name = 'tenant_id')`;
        assert.ok(tables.length >= 20, `only ${tables.length} tenant tables`);
        for (const t of tables) {
          assert.ok(t.enabled && t.forced, `${t.relname} does not force RLS`);
          const [policy] = await db.sql<{ qual: string }[]>`
          select qual from pg_policies where tablename = ${t.relname}
            and policyname = 'tenant_isolation'`;
          assert.ok(policy, `${t.relname} has no tenant_isolation policy`);
          assert.match(policy.qual, /current_setting\('app\.tenant_id'::text, true\)/);
          assert.match(policy.qual, /NULLIF/i);
        }
      },
    );

    await t.step("requests run as a role without superuser or BYPASSRLS", async () => {
      const [row] = await db.sql<{ user: string; super: boolean; bypass: boolean }[]>`
        select current_user as user, r.rolsuper as super, r.rolbypassrls as bypass
        from pg_roles r where r.rolname = current_user`;
      assert.equal(row!.user, "arma_app");
      assert.equal(row!.super, false);
      assert.equal(row!.bypass, false);
    });

    await t.step("a query outside a tenant transaction sees no tenant rows", async () => {
      const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from offerings`;
      assert.equal(row!.n, 0);
      const [tenants] = await db.sql<{ n: number }[]>`select count(*)::int as n from tenants`;
      assert.equal(tenants!.n, 0);
    });
  } finally {
    await db.close();
  }
});

Deno.test("migrate() applies each migration once", async () => {
  const pg = await PGlite.create({ extensions: { btree_gist } });
  const server = new PGLiteSocketServer({ db: pg, port: 0 });
  await server.start();
  const [host, port] = server.getServerConn().split(":");
  const sql = postgres({ host, port: Number(port), user: "postgres", max: 1, onnotice: () => {} });
  try {
    assert.deepEqual(await migrate(sql as never), await listMigrations());
    assert.deepEqual(await migrate(sql as never), []);
  } finally {
    await sql.end();
    await server.stop();
    await pg.close();
  }
});

Deno.test("migrate() stops at a failing migration and names it", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/00001_ok.sql`, "create table a (id int);");
  await Deno.writeTextFile(`${dir}/00002_broken.sql`, "create table b (id int; -- broken");
  await Deno.writeTextFile(`${dir}/00003_never.sql`, "create table c (id int);");
  const pg = await PGlite.create();
  const server = new PGLiteSocketServer({ db: pg, port: 0 });
  await server.start();
  const [host, port] = server.getServerConn().split(":");
  const sql = postgres({ host, port: Number(port), user: "postgres", max: 1, onnotice: () => {} });
  try {
    await assert.rejects(
      () => migrate(sql as never, new URL(`file://${dir}/`)),
      (err: Error) => err instanceof MigrationError && err.message.includes("00002_broken.sql"),
    );
    const rows = await sql`select version from schema_migrations order by version`;
    assert.deepEqual(rows.map((r) => r.version), ["00001_ok.sql"]);
    const [c] = await sql`select to_regclass('c') as c`;
    assert.equal(c!.c, null, "nothing after the failure runs");
  } finally {
    await sql.end();
    await server.stop();
    await pg.close();
    await Deno.remove(dir, { recursive: true });
  }
});
