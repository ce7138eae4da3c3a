import assert from "node:assert/strict";
import { withTenant } from "../../db/tenant.ts";
import type { Tx } from "../../db/types.ts";
import { appendMessage, type Message } from "../../services/bot/conversations.ts";
import { overview } from "../../services/stats.ts";
import { addDays, localDate, zonedTimeToInstant } from "../../services/time.ts";
import { startTestApp } from "../_support/app.ts";
import { setupSalon } from "../_support/salon.ts";
import { PageClient } from "./support.ts";

const TZ = "Europe/Istanbul";

let codes = 0;
async function appointment(
  tx: Tx,
  s: { service: string; staff: string | null },
  date: string,
  time: string,
  status = "confirmed",
) {
  const start = zonedTimeToInstant(date, time, TZ);
  const end = new Date(start.getTime() + 45 * 60_000);
  const code = `T${String(++codes).padStart(5, "0")}`;
  await tx`
    insert into appointments (tenant_id, offering_id, staff_id, customer_name, customer_phone,
      scheduled_date, scheduled_time, starts_at, ends_at, blocked, status, confirmation_code)
    values (${tx.tenantId}, ${s.service}, ${s.staff}, 'Müşteri', '+905320000000', ${date}, ${time},
      ${start}, ${end}, tstzrange(${start}, ${end}), ${status}, ${code})`;
}

async function order(
  tx: Tx,
  o: { created: string; status: string; total: number; paid?: string },
) {
  const n = `T-${crypto.randomUUID().slice(0, 8)}`;
  await tx`
    insert into orders (tenant_id, order_number, customer_name, customer_phone, total_amount,
      status, payment_method, created_at, paid_at)
    values (${tx.tenantId}, ${n}, 'Müşteri', '+905320000000', ${o.total}, ${o.status}, 'cash',
      ${new Date(o.created)}, ${o.paid ? new Date(o.paid) : null})`;
}

async function conversation(
  tx: Tx,
  c: {
    started: string;
    status?: string;
    messages: { role: string; metadata?: Record<string, unknown> }[];
  },
) {
  const [row] = await tx<{ id: string }[]>`
    insert into conversations (tenant_id, channel, status, started_at, last_message_at)
    values (${tx.tenantId}, 'web', ${c.status ?? "active"}, ${new Date(c.started)},
      ${new Date(c.started)})
    returning id`;
  for (const m of c.messages) {
    await appendMessage(tx, row!.id, m.role as Message["role"], "metin", m.metadata);
  }
}

Deno.test("overview numbers count the tenant's data in Istanbul days", async () => {
  const app = await startTestApp();
  try {
    const salon = await setupSalon(app);
    const cut = { service: salon.services.cut, staff: salon.staff.ayse };
    const other = { service: salon.services.cut, staff: salon.staff.mehmet };
    const now = new Date("2026-03-15T12:00:00Z"); // 15:00 in Istanbul
    await withTenant(app.db, salon.tenantId, async (tx) => {
      await appointment(tx, cut, "2026-03-15", "10:00");
      await appointment(tx, other, "2026-03-15", "10:00", "cancelled");
      await appointment(tx, cut, "2026-03-14", "11:00");
      await appointment(tx, cut, "2026-02-13", "11:00"); // before the 30 days
      // 22:30 UTC on the 14th is 01:30 on the 15th in Istanbul.
      await order(tx, {
        created: "2026-03-14T22:30:00Z",
        status: "paid",
        total: 100,
        paid: "2026-03-14T22:31:00Z",
      });
      await order(tx, {
        created: "2026-03-10T10:00:00Z",
        status: "delivered",
        total: 250.5,
        paid: "2026-03-11T09:00:00Z",
      });
      await order(tx, { created: "2026-03-12T10:00:00Z", status: "pending", total: 80 });
      await order(tx, { created: "2026-03-12T11:00:00Z", status: "cancelled", total: 999 });
      await order(tx, { created: "2026-03-13T10:00:00Z", status: "shipped", total: 40 });
      const handover = { tool_calls: [{ name: "request_handover", args: {}, result: {} }] };
      await conversation(tx, {
        started: "2026-03-15T08:00:00Z",
        messages: [{ role: "user" }, { role: "assistant" }],
      });
      await conversation(tx, {
        started: "2026-03-15T09:00:00Z",
        status: "handover",
        messages: [{ role: "user" }, { role: "assistant" }, { role: "staff" }],
      });
      await conversation(tx, {
        started: "2026-03-14T09:00:00Z",
        messages: [{ role: "user" }, { role: "assistant", metadata: handover }],
      });
      await conversation(tx, {
        started: "2026-03-14T10:00:00Z",
        status: "handover",
        messages: [{ role: "user" }, { role: "assistant" }],
      });
      await conversation(tx, { started: "2026-03-14T11:00:00Z", messages: [{ role: "user" }] });
      await conversation(tx, {
        started: "2026-03-13T11:00:00Z",
        status: "closed",
        messages: [{ role: "user" }, { role: "assistant" }],
      });
      await tx`insert into notifications (tenant_id, kind, title, data)
        values (${tx.tenantId}, 'low_stock', 'Stok azaldı: Krem (2 adet)',
          ${tx.json({ product_id: salon.products.cream, balance: 2 })})`;
      await tx`insert into notifications (tenant_id, kind, title, read_at)
        values (${tx.tenantId}, 'low_stock', 'Stok azaldı: Şampuan (1 adet)', now())`;
    });

    const o = await withTenant(app.db, salon.tenantId, (tx) => overview(tx, { now }));
    assert.equal(o.today, "2026-03-15");
    assert.equal(o.series.dates.length, 30);
    assert.equal(o.series.dates[0], "2026-02-14");
    assert.equal(o.series.dates.at(-1), "2026-03-15");
    const day = (d: string) => o.series.dates.indexOf(d);
    assert.equal(o.appointmentsToday.length, 1);
    assert.equal(o.series.appointments[day("2026-03-15")], 1);
    assert.equal(o.series.appointments[day("2026-03-14")], 1);
    assert.equal(o.series.appointments.reduce((a, b) => a + b, 0), 2);
    assert.equal(o.series.orders[day("2026-03-15")], 1, "an order at 01:30 Istanbul time");
    assert.equal(o.series.orders[day("2026-03-14")], 0);
    assert.equal(o.series.orders[day("2026-03-12")], 1, "the cancelled order is left out");
    assert.equal(o.series.orders.reduce((a, b) => a + b, 0), 4);
    assert.equal(o.series.revenue[day("2026-03-15")], 100);
    assert.equal(o.series.revenue[day("2026-03-11")], 250.5, "revenue counts on the day paid");
    assert.equal(o.series.revenue[day("2026-03-13")], 40);
    assert.equal(o.series.revenue[day("2026-03-12")], 0, "pending orders bring no revenue");
    assert.equal(o.series.resolved[day("2026-03-15")], 1);
    assert.equal(o.series.resolved[day("2026-03-14")], 0);
    assert.equal(o.series.resolved[day("2026-03-13")], 1);
    assert.deepEqual(o.conversations, { active: 3, handover: 2 });
    assert.equal(o.ordersToShip, 1);
    assert.equal(o.lowStock.length, 1);
    assert.equal(o.lowStock[0]!.product_id, salon.products.cream);
  } finally {
    await app.close();
  }
});

Deno.test("the overview page shows the numbers and charts of today's data", async () => {
  const app = await startTestApp();
  try {
    const salon = await setupSalon(app);
    const today = localDate(new Date(), TZ);
    await withTenant(app.db, salon.tenantId, async (tx) => {
      await appointment(
        tx,
        { service: salon.services.cut, staff: salon.staff.ayse },
        today,
        "09:00",
      );
      await appointment(
        tx,
        { service: salon.services.cut, staff: salon.staff.mehmet },
        today,
        "09:00",
      );
      await order(tx, {
        created: new Date().toISOString(),
        status: "paid",
        total: 1250.5,
        paid: new Date().toISOString(),
      });
      await order(tx, {
        created: zonedTimeToInstant(addDays(today, -40), "12:00", TZ).toISOString(),
        status: "paid",
        total: 10,
      });
    });
    const client = new PageClient(app);
    const login = await client.post("/login", { email: salon.email, password: salon.password });
    assert.equal(login.status, 303);
    const page = await client.get("/dashboard");
    assert.equal(page.status, 200);
    const stat = (id: string) =>
      new RegExp(`data-testid="${id}"[^>]*>([^<]*)<`).exec(page.html)?.[1]?.trim();
    assert.equal(stat("stat-today"), "2");
    assert.equal(stat("stat-to-ship"), "2");
    assert.equal(stat("stat-conversations"), "0");
    assert.equal(stat("chart-appointments-total"), "2");
    assert.equal(stat("chart-orders-total"), "1");
    assert.equal(stat("chart-revenue-total"), "₺1.250,50");
    assert.match(page.html, /<svg[^>]*role="img"/);
    assert.match(page.html, /<title id="chart-revenue-svg-title">Günlük ciro<\/title>/);
    assert.match(page.html, /<caption>Günlük randevular<\/caption>/);
  } finally {
    await app.close();
  }
});
