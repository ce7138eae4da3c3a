import { api, tenantTx } from "../../../lib/api.ts";
import { findAvailability } from "../../../services/appointments/availability.ts";
import { AvailabilityParams } from "../../../services/appointments/schemas.ts";

export const handler = {
  GET: api({
    summary: "Free slots of a service",
    description:
      "For one date, or from/to (at most 31 days), optionally for one staff member: [{start, end, date, time, staff_ids}] in the business's time zone.",
    tags: ["appointments"],
    access: "widget",
    query: AvailabilityParams,
    handle: (c, { query }) =>
      tenantTx(c, async (tx) => {
        const from = query.date ?? query.from!;
        const found = await findAvailability(tx, {
          serviceId: query.service_id,
          from,
          to: query.date ?? query.to ?? from,
          staffId: query.staff_id,
        });
        return {
          service_id: found.service.id,
          service_name: found.service.name,
          duration_minutes: found.service.meta.duration_minutes,
          timezone: found.timezone,
          slots: found.slots,
        };
      }),
  }),
};
