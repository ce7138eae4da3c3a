/**
 * The dashboard overview's numbers: what needs attention today, and daily series over the last
 * days (appointments, orders, revenue, conversations the assistant resolved without a person),
 * counted in the business's own calendar days.
 * @module
 */
import type { Tx } from "../db/types.ts";
import { addDays, dateRange, DEFAULT_TIME_ZONE, localDate, zonedTimeToInstant } from "./time.ts";

/** An appointment of today, as the overview lists it. */
export interface TodayAppointment {
  id: string;
  starts_at: Date;
  ends_at: Date;
  service_name: string;
  staff_name: string | null;
  customer_name: string;
  status: string;
  channel: string;
}

/** A low-stock note that has not been read. */
export interface LowStockNote {
  id: string;
  title: string;
  product_id: string | null;
  balance: number | null;
  created_at: Date;
}

/** Daily figures, one entry per local date, oldest first. */
export interface DailySeries {
  dates: string[];
  /** Appointments on that day (by their local date), cancelled ones left out. */
  appointments: number[];
  /** Orders placed that day, cancelled ones left out. */
  orders: number[];
  /** Total of orders paid that day that are paid, shipped or delivered, in lira. */
  revenue: number[];
  /** Conversations started that day that the assistant answered and no person ever took. */
  resolved: number[];
}

/** Everything the overview shows. */
export interface Overview {
  timezone: string;
  today: string;
  appointmentsToday: TodayAppointment[];
  conversations: { active: number; handover: number };
  ordersToShip: number;
  lowStock: LowStockNote[];
  series: DailySeries;
}

async function tenantZone(tx: Tx): Promise<string> {
  const [row] = await tx<{ timezone: string }[]>`
    select timezone from tenants where id = ${tx.tenantId}`;
  return row?.timezone ?? DEFAULT_TIME_ZONE;
}

function byDay(rows: { day: string; n: number }[], dates: string[]): number[] {
  const map = new Map(rows.map((r) => [r.day, Number(r.n)]));
  return dates.map((d) => map.get(d) ?? 0);
}

/** Daily series from `from` to `to` (local dates, both included) in `timezone`. */
async function dailySeries(
  tx: Tx,
  range: { from: string; to: string; timezone: string },
): Promise<DailySeries> {
  const tz = range.timezone;
  const dates = dateRange(range.from, range.to);
  const start = zonedTimeToInstant(range.from, "00:00", tz);
  const end = zonedTimeToInstant(addDays(range.to, 1), "00:00", tz);
  const appointments = await tx<{ day: string; n: number }[]>`
    select scheduled_date::text as day, count(*)::int as n from appointments
    where status <> 'cancelled' and scheduled_date between ${range.from} and ${range.to}
    group by 1`;
  const orders = await tx<{ day: string; n: number }[]>`
    select to_char(created_at at time zone ${tz}, 'YYYY-MM-DD') as day, count(*)::int as n
    from orders
    where status <> 'cancelled' and created_at >= ${start} and created_at < ${end}
    group by 1`;
  const revenue = await tx<{ day: string; n: number }[]>`
    select to_char(coalesce(paid_at, created_at) at time zone ${tz}, 'YYYY-MM-DD') as day,
      sum(total_amount) as n
    from orders
    where status in ('paid', 'shipped', 'delivered')
      and coalesce(paid_at, created_at) >= ${start} and coalesce(paid_at, created_at) < ${end}
    group by 1`;
  const resolved = await tx<{ day: string; n: number }[]>`
    select to_char(c.started_at at time zone ${tz}, 'YYYY-MM-DD') as day, count(*)::int as n
    from conversations c
    where c.started_at >= ${start} and c.started_at < ${end}
      and c.status <> 'handover' and c.handover_reason is null
      and exists (select 1 from messages m where m.conversation_id = c.id and m.role = 'assistant')
      and not exists (
        select 1 from messages m where m.conversation_id = c.id
          and (m.role = 'staff'
            or coalesce(m.metadata->'tool_calls', '[]'::jsonb) @> '[{"name":"request_handover"}]'
            or m.metadata ? 'handover'))
    group by 1`;
  return {
    dates,
    appointments: byDay(appointments, dates),
    orders: byDay(orders, dates),
    revenue: byDay(revenue, dates).map((n) => Math.round(n * 100) / 100),
    resolved: byDay(resolved, dates),
  };
}

/** The overview of the business at `now`, with series over the last `days` days. */
export async function overview(
  tx: Tx,
  options: { now?: Date; days?: number } = {},
): Promise<Overview> {
  const now = options.now ?? new Date();
  const timezone = await tenantZone(tx);
  const today = localDate(now, timezone);
  const appointmentsToday = await tx<TodayAppointment[]>`
    select a.id, a.starts_at, a.ends_at, o.name as service_name, s.name as staff_name,
      a.customer_name, a.status, a.channel
    from appointments a
    join offerings o on o.id = a.offering_id
    left join staff_members s on s.id = a.staff_id
    where a.scheduled_date = ${today} and a.status <> 'cancelled'
    order by a.starts_at, a.id`;
  const [counts] = await tx<{ active: number; handover: number; to_ship: number }[]>`
    select
      (select count(*)::int from conversations where status = 'active') as active,
      (select count(*)::int from conversations where status = 'handover') as handover,
      (select count(*)::int from orders where status = 'paid') as to_ship`;
  const lowStock = await tx<LowStockNote[]>`
    select id, title, data->>'product_id' as product_id, (data->>'balance')::int as balance,
      created_at
    from notifications where kind = 'low_stock' and read_at is null
    order by created_at desc, id desc limit 20`;
  const days = options.days ?? 30;
  const series = await dailySeries(tx, {
    from: addDays(today, -(days - 1)),
    to: today,
    timezone,
  });
  return {
    timezone,
    today,
    appointmentsToday,
    conversations: { active: counts!.active, handover: counts!.handover },
    ordersToShip: counts!.to_ship,
    lowStock,
    series,
  };
}
