/**
 * A month of made-up history for the demo business, so that its dashboard has something to show:
 * past appointments and orders, a few coming appointments, and conversations with the assistant
 * (one of them with a person of the business).
 * @module
 */
import type { Tx } from "../../db/types.ts";
import { CODE_ALPHABET } from "../appointments/appointments.ts";
import { addDays, isoWeekday, localDate, localTime, zonedTimeToInstant } from "../time.ts";

const TZ = "Europe/Istanbul";
const NAMES = [
  "Elif Şahin",
  "Burak Kılıç",
  "Selin Aksoy",
  "Emre Öztürk",
  "Deniz Arslan",
  "Gizem Çelik",
  "Can Yıldız",
  "Ece Doğan",
  "Mert Koç",
  "Zehra Aydın",
];

/** A small deterministic generator, so every demo looks the same. */
function generator(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** Writes the demo history, relative to `now`. */
export async function fillHistory(tx: Tx, now: Date): Promise<void> {
  const rand = generator(20261125);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const services = await tx<{ id: string; price: number; staff_ids: string[]; duration: number }[]>`
    select id, price, meta_info->'staff_ids' as staff_ids,
      (meta_info->>'duration_minutes')::int as duration
    from offerings where offering_type = 'service'`;
  const products = await tx<{ id: string; name: string; price: number }[]>`
    select id, name, price from offerings where offering_type = 'product'`;
  const today = localDate(now, TZ);
  const appointments = [];
  let code = 0;
  // Distinct codes: n spread over the alphabet's six-digit numbers by a multiplier prime to it.
  const codeOf = (n: number) => {
    let v = (n * 7_919_317 + 104_729) % CODE_ALPHABET.length ** 6;
    return Array.from({ length: 6 }, () => {
      const c = CODE_ALPHABET[v % CODE_ALPHABET.length]!;
      v = Math.floor(v / CODE_ALPHABET.length);
      return c;
    }).join("");
  };
  const hours = await tx<{ staff_id: string; weekday: number; from: number; to: number }[]>`
    select staff_id, weekday, extract(hour from start_time)::int as from,
      extract(hour from end_time)::int as to
    from staff_working_hours`;
  const firstToday = Math.max(10, Number(localTime(now, TZ).slice(0, 2)) + 3);
  for (let d = -30; d <= 4; d++) {
    const date = addDays(today, d);
    const weekday = isoWeekday(date);
    if (weekday === 7) continue;
    const count = d < 0 ? 2 + Math.floor(rand() * 4) : 2;
    const busy = new Map<string, number[]>();
    // A service nobody performs that day is passed over for another.
    for (let tries = 0, made = 0; tries < 3 * count && made < count; tries++) {
      const service = pick(services);
      const span = Math.ceil(service.duration / 60);
      // Coming appointments stay in the morning, so afternoons are free to try the assistant;
      // today's begin a few hours from now, so the calendar has something to show today.
      const hour = d < 0 ? 10 + Math.floor(rand() * 7) : (d === 0 ? firstToday : 10) + made;
      const staff = hours.find((h) =>
        h.weekday === weekday && h.from <= hour && hour + span <= h.to &&
        (service.staff_ids.length === 0 || service.staff_ids.includes(h.staff_id)) &&
        !(busy.get(h.staff_id) ?? []).some((b) => b < hour + span && hour < b + 1)
      )?.staff_id;
      if (!staff) continue;
      const taken = busy.get(staff) ?? [];
      for (let h = hour; h < hour + span; h++) taken.push(h);
      busy.set(staff, taken);
      const time = `${String(hour).padStart(2, "0")}:00`;
      const start = zonedTimeToInstant(date, time, TZ);
      if (d >= 0 && start.getTime() < now.getTime() + 3 * 3600_000) continue;
      const end = new Date(start.getTime() + service.duration * 60_000);
      const roll = rand();
      const status = d < 0
        ? (roll < 0.85 ? "completed" : roll < 0.93 ? "no_show" : "cancelled")
        : "confirmed";
      appointments.push({
        tenant_id: tx.tenantId,
        offering_id: service.id,
        staff_id: staff,
        customer_name: pick(NAMES),
        customer_phone: `+90532${String(1000000 + Math.floor(rand() * 8999999))}`,
        scheduled_date: date,
        scheduled_time: time,
        starts_at: start,
        ends_at: end,
        blocked: `[${start.toISOString()},${end.toISOString()})`,
        status,
        confirmation_code: codeOf(++code),
        channel: rand() < 0.6 ? "web" : rand() < 0.5 ? "arma" : "dashboard",
        price: service.price,
        created_at: new Date(start.getTime() - 3 * 86_400_000),
      });
      made++;
    }
  }
  if (appointments.length) await tx`insert into appointments ${tx(appointments)}`;
  let number = 0;
  for (let d = -30; d < 0; d += 1 + Math.floor(rand() * 2)) {
    const product = pick(products);
    const quantity = 1 + Math.floor(rand() * 2);
    const gross = Math.round(product.price * quantity * 100);
    const net = Math.round(gross / 1.2);
    const created = new Date(zonedTimeToInstant(addDays(today, d), "12:00", TZ).getTime());
    const age = -d;
    const status = age > 7 ? "delivered" : age > 3 ? "shipped" : age > 1 ? "paid" : "pending";
    const [order] = await tx<{ id: string }[]>`
      insert into orders (tenant_id, order_number, customer_name, customer_phone, subtotal_net,
        tax_total, shipping_cost, total_amount, status, payment_method, payment_status,
        payment_provider, delivery, channel, created_at, updated_at, paid_at)
      values (${tx.tenantId}, ${`S-${900 + ++number}`}, ${pick(NAMES)}, '+905321112233',
        ${net / 100}, ${(gross - net) / 100}, 0, ${gross / 100}, ${status}, 'bank_transfer',
        ${status === "pending" ? "unpaid" : "paid"}, 'manual', 'pickup', 'web', ${created},
        ${created}, ${status === "pending" ? null : created})
      returning id`;
    await tx`insert into order_items (tenant_id, order_id, offering_id, name, quantity, unit_price,
        tax_rate, net_amount, tax_amount, total_price)
      values (${tx.tenantId}, ${order!.id}, ${product.id}, ${product.name}, ${quantity},
        ${product.price}, 0.2, ${net / 100}, ${(gross - net) / 100}, ${gross / 100})`;
  }
  const dialogues: [string, string][][] = [
    [["Merhaba, saç kesimi ne kadar?", "Saç Kesimi 450,00 ₺, yaklaşık 45 dakika sürüyor."]],
    [["Cumartesi açık mısınız?", "Evet, cumartesi 09:00–19:00 arası açığız."]],
    [["Otopark var mı?", "Salonumuzun arkasında ücretsiz müşteri otoparkı var."]],
    [["Do you sell sunscreen?", "Yes: Güneş Kremi SPF 50, ₺520.00."]],
  ];
  for (let d = -28; d < 0; d += 2) {
    const started = zonedTimeToInstant(addDays(today, d), "15:00", TZ);
    const [conv] = await tx<{ id: string }[]>`
      insert into conversations (tenant_id, channel, status, locale, started_at, last_message_at)
      values (${tx.tenantId}, ${rand() < 0.7 ? "web" : "arma"}, 'closed', 'tr', ${started},
        ${started}) returning id`;
    const dialogue = pick(dialogues);
    let seq = 0;
    for (const [question, answer] of dialogue) {
      await tx`insert into messages (tenant_id, conversation_id, seq, role, content, created_at)
        values (${tx.tenantId}, ${conv!.id}, ${++seq}, 'user', ${question}, ${started}),
          (${tx.tenantId}, ${conv!.id}, ${++seq}, 'assistant', ${answer}, ${started})`;
    }
  }
  const waiting = new Date(now.getTime() - 20 * 60_000);
  const [conv] = await tx<{ id: string }[]>`
    insert into conversations (tenant_id, channel, status, locale, customer_name, started_at,
      last_message_at, handover_reason)
    values (${tx.tenantId}, 'web', 'handover', 'tr', 'Elif Şahin', ${waiting}, ${waiting},
      'Müşteri yetkili istedi') returning id`;
  await tx`insert into messages (tenant_id, conversation_id, seq, role, content, created_at) values
    (${tx.tenantId}, ${conv!.id}, 1, 'user', 'Gelin saçı için fiyat alabilir miyim?', ${waiting}),
    (${tx.tenantId}, ${conv!.id}, 2, 'assistant',
      'Bu konuda sizi bir yetkiliye aktardım; en kısa sürede buradan yanıt verecek.', ${waiting})`;
}
