/**
 * Test support: a small salon set up through the API, and dates relative to today in Istanbul.
 * @module
 */
import { addDays, isoWeekday, localDate } from "../../services/time.ts";
import type { Business, TestApp } from "./app.ts";
import { signupBusiness } from "./app.ts";

/** A salon with two hairdressers, a service each can do, and products. */
export interface Salon extends Business {
  staff: { ayse: string; mehmet: string };
  services: { cut: string; color: string; group: string };
  products: { cream: string; shampoo: string };
}

/** The next date (after today in Istanbul, at least `minDaysAhead` ahead) on an ISO weekday. */
export function nextWeekday(weekday: number, minDaysAhead = 2, now = new Date()): string {
  let date = addDays(localDate(now, "Europe/Istanbul"), minDaysAhead);
  while (isoWeekday(date) !== weekday) date = addDays(date, 1);
  return date;
}

/** Sets up the salon; hours are Monday to Saturday 09:00–19:00, staff 09:00–18:00. */
export async function setupSalon(app: TestApp): Promise<Salon> {
  const biz = await signupBusiness(app, "Test Kuaför");
  const req = async (method: string, path: string, body: unknown) => {
    const res = await app.request(method, path, { token: biz.token, body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return res.body;
  };
  const hours = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: "09:00", end: "18:00" }));
  const ayse = await req("POST", "/api/staff", { name: "Ayşe", working_hours: hours });
  const mehmet = await req("POST", "/api/staff", { name: "Mehmet", working_hours: hours });
  const cut = await req("POST", "/api/offerings", {
    offering_type: "service",
    name: "Saç Kesimi",
    price: 450,
    meta_info: {
      duration_minutes: 45,
      preparation_time: 5,
      cleanup_time: 10,
      staff_ids: [ayse.id, mehmet.id],
      max_concurrent: 2,
      cancellation_hours: 24,
    },
  });
  const color = await req("POST", "/api/offerings", {
    offering_type: "service",
    name: "Saç Boyama",
    price: 1800,
    meta_info: { duration_minutes: 120, staff_ids: [ayse.id] },
  });
  const group = await req("POST", "/api/offerings", {
    offering_type: "service",
    name: "Solaryum",
    price: 200,
    meta_info: { duration_minutes: 30, staff_required: false, max_concurrent: 3 },
  });
  const cream = await req("POST", "/api/offerings", {
    offering_type: "product",
    name: "Nemlendirici Krem",
    price: 450,
    meta_info: { stock_quantity: 25, low_stock_threshold: 5, tax_rate: 0.2 },
  });
  const shampoo = await req("POST", "/api/offerings", {
    offering_type: "product",
    name: "Şampuan",
    price: 120,
    meta_info: { stock_quantity: 10, tax_rate: 0.1, shipping_cost: 0 },
  });
  await req("PUT", "/api/tenants/me", { shipping: { flat_cost: 49.9, free_threshold: 1000 } });
  return {
    ...biz,
    staff: { ayse: ayse.id, mehmet: mehmet.id },
    services: { cut: cut.id, color: color.id, group: group.id },
    products: { cream: cream.id, shampoo: shampoo.id },
  };
}
