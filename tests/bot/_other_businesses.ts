/**
 * Test support: businesses other than a salon for the offline assistant's simulator — a dental
 * clinic whose dentists have titles and work on different days, and a barber with one master —
 * and a tool script that answers booking calls from their staff's working hours.
 * @module
 */
import type { BusinessContext, ToolCall, ToolResult } from "../../services/bot/model.ts";
import { WEEKDAYS } from "../../services/tenants/settings.ts";
import { isoWeekday } from "../../services/time.ts";
import { BUSINESS, type ToolScript } from "./_offline_sim.ts";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/** Ids of the clinic's and the barber's offerings and staff. */
export const OTHER_ID = {
  checkup: id(301),
  scaling: id(302),
  filling: id(303),
  whitening: id(304),
  rootCanal: id(305),
  kidsCheckup: id(306),
  elif: id(311),
  murat: id(312),
  cut: id(401),
  beard: id(402),
  cutAndBeard: id(403),
  kidsCut: id(404),
  ali: id(411),
} as const;

/** Hours on the given ISO weekdays (1 is Monday), none on the others. */
function week(days: number[], range: string): Record<string, string[]> {
  return Object.fromEntries(WEEKDAYS.map((d, i) => [d, days.includes(i + 1) ? [range] : []]));
}

const service = (
  sid: string,
  name: string,
  price: number,
  staff: string[],
  duration = 30,
) => ({ id: sid, name, price, duration_minutes: duration, category: null, staff_ids: staff });

/** A dental clinic: Dt. Elif Aydın on Monday, Tuesday and Saturday mornings, Dr. Dt. Murat Şahin Wednesday to Friday. */
export const CLINIC: BusinessContext = {
  ...BUSINESS,
  name: "Gülüş Diş Kliniği",
  industry: "Diş kliniği",
  hours: { ...week([1, 2, 3, 4, 5], "09:00–18:00"), sat: ["09:00–13:00"] },
  greeting: "",
  services: [
    service(OTHER_ID.checkup, "Muayene", 500, [OTHER_ID.elif, OTHER_ID.murat]),
    service(OTHER_ID.scaling, "Diş Taşı Temizliği", 1200, [OTHER_ID.elif, OTHER_ID.murat]),
    service(OTHER_ID.filling, "Dolgu", 1500, [OTHER_ID.elif, OTHER_ID.murat], 45),
    service(OTHER_ID.whitening, "Diş Beyazlatma", 4000, [OTHER_ID.elif], 60),
    service(OTHER_ID.rootCanal, "Kanal Tedavisi", 3500, [OTHER_ID.murat], 90),
    service(OTHER_ID.kidsCheckup, "Çocuk Diş Muayenesi", 400, [OTHER_ID.elif]),
  ],
  products: [],
  staff: [
    { id: OTHER_ID.elif, name: "Dt. Elif Aydın", hours: week([1, 2, 6], "09:00–13:00") },
    { id: OTHER_ID.murat, name: "Dr. Dt. Murat Şahin", hours: week([3, 4, 5], "10:00–18:00") },
  ],
};

/** A barber with one master, open Tuesday to Sunday. */
export const BARBER: BusinessContext = {
  ...BUSINESS,
  name: "Berber Ali",
  industry: "Berber",
  hours: { ...week([2, 3, 4, 5, 6], "09:00–21:00"), sun: ["10:00–18:00"] },
  greeting: "",
  services: [
    service(OTHER_ID.cut, "Saç Kesimi", 300, [OTHER_ID.ali]),
    service(OTHER_ID.beard, "Sakal Tıraşı", 200, [OTHER_ID.ali], 20),
    service(OTHER_ID.cutAndBeard, "Saç + Sakal", 450, [OTHER_ID.ali], 45),
    service(OTHER_ID.kidsCut, "Çocuk Tıraşı", 200, [OTHER_ID.ali], 20),
  ],
  products: [],
  staff: [{
    id: OTHER_ID.ali,
    name: "Ali Korkmaz",
    hours: { ...week([2, 3, 4, 5, 6], "09:00–21:00"), sun: ["10:00–18:00"] },
  }],
};

/** Whole hours a staff member works on a date, within a part of the day. */
function hoursOf(b: BusinessContext, staffId: string, date: string, part?: unknown): string[] {
  const range = b.staff.find((s) => s.id === staffId)?.hours?.[WEEKDAYS[isoWeekday(date) - 1]!];
  const [from, to] = (range?.[0] ?? "00:00–00:00").split("–").map((x) => Number(x.slice(0, 2)));
  const [lo, hi] = part === "morning"
    ? [0, 12]
    : part === "afternoon"
    ? [12, 17]
    : part === "evening"
    ? [17, 24]
    : [0, 24];
  const out: string[] = [];
  for (let h = Math.max(from!, lo!); h < Math.min(to!, hi!); h++) {
    out.push(`${String(h).padStart(2, "0")}:00`);
  }
  return out;
}

/** Answers availability, holds and bookings of a business from its staff's working hours. */
export function bookingScript(b: BusinessContext): ToolScript {
  const staffOf = (call: ToolCall): string[] => {
    const s = b.services.find((x) => x.id === call.args.service_id)!;
    const ids = s.staff_ids?.length ? s.staff_ids : b.staff.map((x) => x.id);
    return call.args.staff_id ? ids.filter((x) => x === call.args.staff_id) : ids;
  };
  const nameOf = (sid: string) => b.staff.find((s) => s.id === sid)!.name;
  return (call): Omit<ToolResult, "id" | "name"> | undefined => {
    const s = b.services.find((x) => x.id === call.args.service_id);
    if (call.name === "check_availability" && s) {
      const first = call.args.date as string;
      const days = Number(call.args.days ?? 1);
      const slots = [];
      for (let k = 0; k < days; k++) {
        const date = new Date(Date.parse(`${first}T12:00:00Z`) + k * 86_400_000)
          .toISOString().slice(0, 10);
        for (const time of ["09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00"]) {
          const staff = staffOf(call).filter((x) =>
            hoursOf(b, x, date, call.args.part_of_day).includes(time)
          );
          if (staff.length) {
            slots.push({ date, time, staff: staff.map((x) => ({ id: x, name: nameOf(x) })) });
          }
        }
      }
      return {
        result: {
          service: { id: s.id, name: s.name, price: s.price, duration_minutes: s.duration_minutes },
          slots,
          more: false,
        },
      };
    }
    if (call.name === "hold_slot" && s) {
      const who = staffOf(call).find((x) =>
        hoursOf(b, x, call.args.date as string).includes(call.args.time as string)
      );
      if (!who) return { error: { code: "slot_unavailable", message: "Slot is not free" } };
      return {
        result: {
          hold_id: "h1",
          date: call.args.date,
          time: call.args.time,
          staff: { id: who, name: nameOf(who) },
        },
      };
    }
    if (call.name === "get_service_details" && s) {
      return {
        result: {
          id: s.id,
          name: s.name,
          description: null,
          price: s.price,
          duration_minutes: s.duration_minutes,
          staff: staffOf(call).map((x) => ({ id: x, name: nameOf(x) })),
        },
      };
    }
    if (call.name === "create_appointment" && s) {
      const who = (call.args.staff_id as string | undefined) ?? staffOf(call)[0]!;
      return {
        result: {
          confirmation_code: "K7M2QX",
          service: s.name,
          staff: nameOf(who),
          date: call.args.date,
          time: call.args.time,
        },
      };
    }
    return undefined;
  };
}
