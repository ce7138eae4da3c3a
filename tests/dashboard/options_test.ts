import assert from "node:assert/strict";
import { withTenant } from "../../db/tenant.ts";
import type { DomainEvent } from "../../db/types.ts";
import { ValidationError } from "../../services/errors.ts";
import { markAllNotificationsRead } from "../../services/notifications.ts";
import { serviceOptions } from "../../services/offerings/offerings.ts";
import { staffOptions } from "../../services/staff/staff.ts";
import { getTenant, setClosedDay } from "../../services/tenants/tenants.ts";
import { signupBusiness, startTestApp } from "../_support/app.ts";

Deno.test("pick lists, marking all read and closed days", async (t) => {
  const app = await startTestApp();
  try {
    const { tenantId } = await signupBusiness(app);
    const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) =>
      withTenant(app.db, tenantId, fn);

    await t.step("services and staff by name; only active ones when asked", async () => {
      await inTenant(async (tx) => {
        for (const [name, active, minutes] of [["Boya", true, 90], ["Fön", false, 30]] as const) {
          await tx`insert into offerings (tenant_id, name, offering_type, price, meta_info, is_active)
            values (${tenantId}, ${name}, 'service', 100,
              ${tx.json({ duration_minutes: minutes })}, ${active})`;
        }
        await tx`insert into offerings (tenant_id, name, offering_type, price, meta_info)
          values (${tenantId}, 'Krem', 'product', 50, ${tx.json({ stock_quantity: 1 })})`;
        for (const [name, active, color] of [["Zeynep", true, "#112233"], ["Ali", false, null]]) {
          await tx`insert into staff_members (tenant_id, name, is_active, color)
            values (${tenantId}, ${name}, ${active}, ${color})`;
        }
      });
      const lists = await inTenant(async (tx) => ({
        services: await serviceOptions(tx),
        activeServices: await serviceOptions(tx, { activeOnly: true }),
        staff: await staffOptions(tx),
        activeStaff: await staffOptions(tx, { activeOnly: true }),
      }));
      assert.deepEqual(
        lists.services.map(({ name, duration }) => [name, duration]),
        [["Boya", 90], ["Fön", 30]],
      );
      assert.deepEqual(lists.activeServices.map((s) => s.name), ["Boya"]);
      assert.deepEqual(
        lists.staff.map(({ name, color }) => ({ name, color })),
        [{ name: "Zeynep", color: "#112233" }, { name: "Ali", color: null }],
      );
      assert.deepEqual(lists.activeStaff.map((s) => s.name), ["Zeynep"]);
    });

    await t.step("marking all read writes once and tells once", async () => {
      const seen: DomainEvent[] = [];
      const listener = (id: string, events: DomainEvent[]) => {
        if (id === tenantId) seen.push(...events);
      };
      app.db.commitListeners.add(listener);
      try {
        await inTenant(async (tx) => {
          for (const title of ["a", "b", "c"]) {
            await tx`insert into notifications (tenant_id, kind, title)
              values (${tenantId}, 'low_stock', ${title})`;
          }
        });
        assert.equal(await inTenant(markAllNotificationsRead), 3);
        assert.equal(seen.filter((e) => e.type === "notifications.changed").length, 1);
        assert.equal(await inTenant(markAllNotificationsRead), 0);
        assert.equal(seen.filter((e) => e.type === "notifications.changed").length, 1);
        const [left] = await inTenant((tx) =>
          tx<{ n: number }[]>`select count(*)::int as n from notifications where read_at is null`
        );
        assert.equal(left!.n, 0);
      } finally {
        app.db.commitListeners.delete(listener);
      }
    });

    await t.step("closed days are added, refused at the date field and removed", async () => {
      await inTenant((tx) => setClosedDay(tx, "2031-04-23", true));
      await assert.rejects(
        inTenant((tx) => setClosedDay(tx, "23.04.2031", true)),
        (err: unknown) =>
          err instanceof ValidationError && err.code === "invalid_closed_day" &&
          (err.details as { field: string }).field === "date",
      );
      assert.deepEqual((await inTenant(getTenant)).settings.closed_days, ["2031-04-23"]);
      await inTenant((tx) => setClosedDay(tx, "2031-04-23", false));
      assert.deepEqual((await inTenant(getTenant)).settings.closed_days, []);
    });
  } finally {
    await app.close();
  }
});
