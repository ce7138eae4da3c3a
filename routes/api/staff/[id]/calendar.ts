import { api, IdParams, tenantTx } from "../../../../lib/api.ts";
import { rotateCalendarToken } from "../../../../services/appointments/ics.ts";

export const handler = {
  POST: api({
    summary: "Issue a staff member's calendar feed address",
    description:
      "A secret .ics address for the staff member's phone calendar. Issuing a new one ends the previous.",
    tags: ["staff"],
    access: "owner",
    params: IdParams,
    status: 201,
    async handle(c, { params }) {
      const token = await tenantTx(c, (tx) => rotateCalendarToken(tx, params.id));
      return { url: `${c.get("deps").publicUrl}/calendar/${token}.ics` };
    },
  }),
};
