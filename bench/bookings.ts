/**
 * Appointments and orders benchmark:
 * - availability over 31 days for a service with 10 staff members and 5,000 existing
 *   appointments (the function the API, the assistant and the calendar share), p50 and p99;
 * - booking and ordering throughput on PostgreSQL over HTTP with 50 concurrent clients.
 * @module
 */
import { openDatabase } from "../db/connection.ts";
import { withTenant } from "../db/tenant.ts";
import type { Db } from "../db/types.ts";
import { findAvailability } from "../services/appointments/availability.ts";
import { addDays, localDate, zonedTimeToInstant } from "../services/time.ts";
import { scratchDatabase, startServerProcess } from "../tests/_support/server_process.ts";
import { percentile } from "./lib/load.ts";
import { fmt, measuredOn, writeSection } from "./lib/results.ts";
import { ADMIN_URL, REDIS_URL, UNLIMITED } from "./lib/servers.ts";

const TZ = "Europe/Istanbul";

/** Seeds a tenant with 10 staff, one service they all perform and 5,000 appointments in 31 days. */
export async function seedAvailability(
  db: Db,
): Promise<{ tenantId: string; serviceId: string; from: string }> {
  const tenantId = crypto.randomUUID();
  const from = addDays(localDate(new Date(), TZ), 1);
  return await withTenant(db, tenantId, async (tx) => {
    await tx`insert into tenants (id, business_name) values (${tenantId}, 'Bench Salon')`;
    const staff: string[] = [];
    for (let i = 0; i < 10; i++) {
      const [s] = await tx<{ id: string }[]>`
        insert into staff_members (tenant_id, name) values (${tenantId}, ${`Staff ${i}`}) returning id`;
      staff.push(s!.id);
      for (const weekday of [1, 2, 3, 4, 5, 6]) {
        await tx`insert into staff_working_hours (tenant_id, staff_id, weekday, start_time, end_time)
          values (${tenantId}, ${s!.id}, ${weekday}, '09:00', '19:00')`;
      }
    }
    const [svc] = await tx<{ id: string }[]>`
      insert into offerings (tenant_id, name, offering_type, price, meta_info)
      values (${tenantId}, 'Saç Kesimi', 'service', 450, ${
      tx.json({
        duration_minutes: 30,
        preparation_time: 5,
        cleanup_time: 10,
        staff_ids: staff,
        max_concurrent: 10,
        booking_advance_days: 60,
      })
    })
      returning id`;
    const rows = [];
    let n = 0;
    // 5,000 appointments: 19 a day for each staff member, 20 minutes every 31 minutes from 09:00.
    for (let d = 0; d < 31 && n < 5000; d++) {
      const date = addDays(from, d);
      const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
      if (weekday === 0) continue;
      for (const staffId of staff) {
        for (let k = 0; k < 19 && n < 5000; k++, n++) {
          const start = zonedTimeToInstant(date, "09:00", TZ).getTime() + k * 31 * 60_000;
          const end = start + 20 * 60_000;
          rows.push({
            tenant_id: tenantId,
            offering_id: svc!.id,
            staff_id: staffId,
            customer_name: `Müşteri ${n}`,
            customer_phone: "+905320000000",
            scheduled_date: date,
            scheduled_time: "09:00",
            starts_at: new Date(start),
            ends_at: new Date(end),
            blocked: `[${new Date(start).toISOString()},${new Date(end).toISOString()})`,
            confirmation_code: n.toString(36).toUpperCase().padStart(6, "0"),
          });
        }
      }
    }
    for (let i = 0; i < rows.length; i += 500) {
      await tx`insert into appointments ${tx(rows.slice(i, i + 500))}`;
    }
    return { tenantId, serviceId: svc!.id, from };
  });
}

async function measureAvailability(db: Db, runs: number) {
  const { tenantId, serviceId, from } = await seedAvailability(db);
  const to = addDays(from, 30);
  const times: number[] = [];
  let slots = 0;
  for (let i = 0; i < runs + 20; i++) {
    const started = performance.now();
    const found = await withTenant(
      db,
      tenantId,
      (tx) => findAvailability(tx, { serviceId, from, to }),
    );
    if (i >= 20) times.push(performance.now() - started);
    slots = found.slots.length;
  }
  times.sort((a, b) => a - b);
  const [count] = await withTenant(
    db,
    tenantId,
    (tx) => tx<{ n: number }[]>`select count(*)::int as n from appointments`,
  );
  return { p50: percentile(times, 50), p99: percentile(times, 99), slots, appointments: count!.n };
}

interface Throughput {
  ok: number;
  refused: number;
  errors: number;
  seconds: number;
  p50: number;
  p99: number;
}

/** Runs `clients` loops of `request` for `seconds`, counting 2xx, 409 and everything else. */
async function drive(
  clients: number,
  seconds: number,
  request: (client: number, i: number) => Promise<Response>,
): Promise<Throughput> {
  const end = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  let ok = 0, refused = 0, errors = 0;
  await Promise.all(Array.from({ length: clients }, async (_, client) => {
    for (let i = 0; performance.now() < end; i++) {
      const started = performance.now();
      const res = await request(client, i);
      await res.body?.cancel();
      latencies.push(performance.now() - started);
      if (res.status < 300) ok++;
      else if (res.status === 409) refused++;
      else errors++;
    }
  }));
  latencies.sort((a, b) => a - b);
  return {
    ok,
    refused,
    errors,
    seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

async function measureWrites(databaseUrl: string, seconds: number) {
  const dataDir = await Deno.makeTempDir({ prefix: "arma-bench-" });
  const server = await startServerProcess({
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    DEMO_SEED: "false",
    LOG_LEVEL: "warn",
    ...UNLIMITED,
  }, { quiet: true });
  try {
    const post = (path: string, body: unknown, token: string) =>
      fetch(`${server.url}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    const signup = await (await fetch(`${server.url}/api/auth/signup`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        business_name: "Bench",
        email: `bench-${crypto.randomUUID()}@example.com`,
        password: "bench password",
      }),
    })).json();
    const token = signup.access_token as string;
    const staff: string[] = [];
    for (let i = 0; i < 10; i++) {
      const s = await (await post("/api/staff", {
        name: `Staff ${i}`,
        working_hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
          weekday,
          start: "00:00",
          end: "24:00",
        })),
      }, token)).json();
      staff.push(s.id);
    }
    await (await fetch(`${server.url}/api/tenants/me`, {
      method: "PUT",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({
        business_hours: Object.fromEntries(
          ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [{
            open: "00:00",
            close: "24:00",
          }]]),
        ),
      }),
    })).body?.cancel();
    const services: string[] = [];
    for (let i = 0; i < 10; i++) {
      const s = await (await post("/api/offerings", {
        offering_type: "service",
        name: `Hizmet ${i}`,
        price: 100,
        meta_info: {
          duration_minutes: 15,
          staff_ids: [staff[i]!],
          booking_advance_days: 365,
        },
      }, token)).json();
      services.push(s.id);
    }
    const product = await (await post("/api/offerings", {
      offering_type: "product",
      name: "Krem",
      price: 450,
      meta_info: { stock_quantity: 10_000_000 },
    }, token)).json();
    const start = addDays(localDate(new Date(), TZ), 2);
    // Client c books service c % 10, walking through its own quarter-hours from day 2 on.
    const bookings = await drive(50, seconds, (client, i) => {
      const slot = Math.floor(client / 10) + i * 5;
      const date = addDays(start, Math.floor(slot / 96));
      const minute = (slot % 96) * 15;
      const time = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${
        String(minute % 60).padStart(2, "0")
      }`;
      return post("/api/appointments", {
        service_id: services[client % 10],
        date,
        time,
        customer: { name: "Bench Müşteri", phone: "05321234567" },
      }, token);
    });
    const orders = await drive(50, seconds, () =>
      post("/api/orders", {
        items: [{ product_id: product.id, quantity: 1 }],
        customer: { name: "Bench Müşteri", phone: "05321234567" },
        payment_method: "cash",
        delivery: "pickup",
      }, token));
    return { bookings, orders };
  } finally {
    await server.stop();
    await Deno.remove(dataDir, { recursive: true });
  }
}

/** Runs the benchmark and writes its section of RESULTS.md. */
export async function benchBookings(): Promise<void> {
  const seconds = Number(Deno.env.get("BENCH_SECONDS") ?? 10);
  const embedded = await openDatabase({});
  const onPglite = await measureAvailability(embedded, 100);
  await embedded.close();
  let onPg: Awaited<ReturnType<typeof measureAvailability>> | null = null;
  let writes: Awaited<ReturnType<typeof measureWrites>> | null = null;
  let scratch: Awaited<ReturnType<typeof scratchDatabase>> | null = null;
  try {
    scratch = await scratchDatabase(ADMIN_URL);
    const server = await openDatabase({ url: scratch.url });
    onPg = await measureAvailability(server, 300);
    await server.close();
    writes = await measureWrites(scratch.url!, seconds);
  } catch (err) {
    console.error(`PostgreSQL part skipped: ${(err as Error).message}`);
  } finally {
    await scratch?.drop().catch(() => {});
  }
  const av = (label: string, r: typeof onPglite) =>
    `| ${label} | ${r.appointments} | ${r.slots} | ${fmt(r.p50, 2)} | ${fmt(r.p99, 2)} | ${
      r.p50 < 10 && r.p99 < 30 ? "met" : "NOT met"
    } |`;
  const tp = (label: string, r: Throughput) =>
    `| ${label} | ${fmt(r.ok / r.seconds, 0)} | ${r.ok} | ${r.refused} | ${r.errors} | ${
      fmt(r.p50, 1)
    } | ${fmt(r.p99, 1)} |`;
  const lines = [
    `${await measuredOn()}.`,
    "",
    "Availability over 31 days, 10 staff members, 5,000 appointments (including the queries):",
    "",
    "| database | appointments | free slots | p50 ms | p99 ms | budget (p50 < 10, p99 < 30) |",
    "| --- | ---: | ---: | ---: | ---: | --- |",
    av("PGlite (embedded)", onPglite),
    ...(onPg ? [av("PostgreSQL", onPg)] : []),
  ];
  if (writes) {
    lines.push(
      "",
      `Writes over HTTP on PostgreSQL with Redis, 50 concurrent clients, ${seconds} s each:`,
      "",
      "| write | per second | done | 409 | errors | p50 ms | p99 ms |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
      tp("`POST /api/appointments` (10 services, 1 staff each)", writes.bookings),
      tp("`POST /api/orders` (one product, cash)", writes.orders),
    );
  } else {
    lines.push("", "PostgreSQL was not reachable; only the embedded availability was measured.");
  }
  await writeSection("Appointments and orders (bench/bookings.ts)", lines.join("\n"));
  console.log(lines.join("\n"));
}
