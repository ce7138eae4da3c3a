import {
  api,
  idempotencyKeyOf,
  idempotentResponse,
  idempotentWrite,
  tenantTx,
} from "../../../lib/api.ts";
import {
  createAppointment,
  listAppointments,
} from "../../../services/appointments/appointments.ts";
import { AppointmentCreate, AppointmentListQuery } from "../../../services/appointments/schemas.ts";
import { isMember } from "../../../services/auth/principal.ts";

export const handler = {
  GET: api({
    summary: "List appointments",
    description:
      "Filters: from and to (local dates), staff_id, service_id, status, phone. Sorted by start; paginated with limit and cursor.",
    tags: ["appointments"],
    access: "member",
    query: AppointmentListQuery,
    handle: (c, { query }) => tenantTx(c, (tx) => listAppointments(tx, query)),
  }),
  POST: api({
    summary: "Book an appointment",
    description:
      "Books service_id at starts_at (or date and time in the business's time zone) with staff_id or any free staff member. 409 slot_unavailable carries the next free slots in details.next_slots. An Idempotency-Key header (or idempotency_key) makes retries return the first result.",
    tags: ["appointments"],
    access: "widget",
    body: AppointmentCreate,
    status: 201,
    async handle(c, { body, principal }) {
      const { idempotency_key, ...request } = body;
      const actor = isMember(principal) ? "business" : "customer";
      return idempotentResponse(
        await idempotentWrite(
          c,
          "appointments",
          idempotencyKeyOf(c, idempotency_key),
          request,
          201,
          (tx) => createAppointment(tx, request, { actor }),
        ),
      );
    },
  }),
};
