import { api, tenantTx } from "../../../lib/api.ts";
import { cancelByCode } from "../../../services/appointments/appointments.ts";
import { CustomerCancel } from "../../../services/appointments/schemas.ts";

export const handler = {
  POST: api({
    summary: "A customer cancels their appointment",
    description:
      "With the confirmation code and the phone number it was booked with; only outside the service's cancellation_hours (409 cancellation_window_passed otherwise).",
    tags: ["appointments"],
    access: "widget",
    body: CustomerCancel,
    handle: (c, { body }) => tenantTx(c, (tx) => cancelByCode(tx, body)),
  }),
};
