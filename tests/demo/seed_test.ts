import assert from "node:assert/strict";
import { openDatabase } from "../../db/connection.ts";
import { withTenant } from "../../db/tenant.ts";
import { createTokenSigner } from "../../services/auth/jwt.ts";
import { seedDemo } from "../../services/demo/seed.ts";
import { zonedTimeToInstant } from "../../services/time.ts";
import { DATABASE_URL } from "../_support/app.ts";
import { scratchDatabase } from "../_support/server_process.ts";

Deno.test("the demo salon comes with bookings for today, none overlapping, each with its own code", async () => {
  const scratch = await scratchDatabase(DATABASE_URL);
  const db = await openDatabase({ url: scratch.url });
  try {
    // Tuesday 1 December 2026, 09:00 in Istanbul.
    const now = zonedTimeToInstant("2026-12-01", "09:00", "Europe/Istanbul");
    const signer = await createTokenSigner("a-secret-of-at-least-thirty-two-characters");
    const demo = await seedDemo(db, signer, undefined, now);
    assert.ok(demo.created);
    const rows = await withTenant(
      db,
      demo.tenantId,
      (tx) =>
        tx<{ staff_id: string; starts_at: Date; ends_at: Date; code: string; date: string }[]>`
        select staff_id, starts_at, ends_at, confirmation_code as code,
          scheduled_date::text as date
        from appointments where status <> 'cancelled' order by starts_at`,
    );
    const today = rows.filter((r) => r.date === "2026-12-01");
    assert.ok(today.length > 0, "the calendar has something to show today");
    for (const r of today) {
      assert.ok(r.starts_at.getTime() >= now.getTime() + 3 * 3600_000, "today's begin later on");
    }
    assert.ok(rows.some((r) => r.date < "2026-12-01"), "and a month of history");
    assert.equal(new Set(rows.map((r) => r.code)).size, rows.length);
    for (const [i, a] of rows.entries()) {
      for (const b of rows.slice(i + 1)) {
        if (a.staff_id !== b.staff_id) continue;
        assert.ok(a.ends_at <= b.starts_at || b.ends_at <= a.starts_at, "no double booking");
      }
    }
  } finally {
    await db.close();
    await scratch.drop();
  }
});
