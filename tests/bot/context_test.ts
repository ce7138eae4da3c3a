import assert from "node:assert/strict";
import { withTenant } from "../../db/tenant.ts";
import { buildSystemPrompt, loadBusinessContext } from "../../services/bot/context.ts";
import { startTestApp } from "../_support/app.ts";
import { setupSalon } from "../_support/salon.ts";

Deno.test("loadBusinessContext() gives each staff member's week and each service's staff", async () => {
  const app = await startTestApp();
  try {
    const salon = await setupSalon(app);
    const b = await withTenant(
      app.db,
      salon.tenantId,
      (tx) => loadBusinessContext(tx, "tr", false),
    );
    const ayse = b.staff.find((m) => m.id === salon.staff.ayse)!;
    assert.deepEqual(ayse.hours, {
      mon: ["09:00–18:00"],
      tue: ["09:00–18:00"],
      wed: ["09:00–18:00"],
      thu: ["09:00–18:00"],
      fri: ["09:00–18:00"],
      sat: ["09:00–18:00"],
      sun: [],
    });
    const staffOf = (id: string) => b.services.find((s) => s.id === id)?.staff_ids?.sort();
    assert.deepEqual(staffOf(salon.services.cut), [salon.staff.ayse, salon.staff.mehmet].sort());
    assert.deepEqual(staffOf(salon.services.color), [salon.staff.ayse]);
    assert.deepEqual(staffOf(salon.services.group), [], "no one is needed for it");
    const prompt = buildSystemPrompt(b, "tr", new Date());
    assert.match(
      prompt,
      /Ayşe: Pazartesi 09:00–18:00; .*Cumartesi 09:00–18:00 \(Saç Boyama, Saç Kesimi\)/,
    );
  } finally {
    await app.close();
  }
});
