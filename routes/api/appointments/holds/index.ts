import { api, tenantTx } from "../../../../lib/api.ts";
import { holdSlot } from "../../../../services/appointments/appointments.ts";
import { HoldCreate } from "../../../../services/appointments/schemas.ts";

export const handler = {
  POST: api({
    summary: "Hold a free slot for a few minutes",
    description:
      "The slot is kept for the holder (e.g. a conversation) for the business's hold_minutes (default 5); others do not see it; it lapses by itself. A holder keeps one hold at a time.",
    tags: ["appointments"],
    access: "widget",
    body: HoldCreate,
    status: 201,
    handle: (c, { body }) => tenantTx(c, (tx) => holdSlot(tx, body)),
  }),
};
