import { z } from "zod";
import { api, IdParams, tenantTx } from "../../../lib/api.ts";
import {
  cancelAppointment,
  getAppointment,
  updateAppointment,
} from "../../../services/appointments/appointments.ts";
import { AppointmentUpdate } from "../../../services/appointments/schemas.ts";

export const handler = {
  GET: api({
    summary: "One appointment",
    tags: ["appointments"],
    access: "member",
    params: IdParams,
    handle: (c, { params }) => tenantTx(c, (tx) => getAppointment(tx, params.id)),
  }),
  PUT: api({
    summary: "Reschedule, reassign or change the status of an appointment",
    description:
      "A new starts_at (or date and time) and/or staff_id moves it (409 with next free slots when taken). status follows pending → confirmed → completed | no_show, and → cancelled; other changes are 409.",
    tags: ["appointments"],
    access: "member",
    params: IdParams,
    body: AppointmentUpdate,
    handle: (c, { params, body }) =>
      tenantTx(c, (tx) => updateAppointment(tx, params.id, body, { actor: "business" })),
  }),
  DELETE: api({
    summary: "Cancel an appointment",
    tags: ["appointments"],
    access: "member",
    params: IdParams,
    query: z.object({ reason: z.string().max(500).optional() }),
    handle: (c, { params, query }) =>
      tenantTx(
        c,
        (tx) => cancelAppointment(tx, params.id, { by: "business", reason: query.reason }),
      ),
  }),
};
