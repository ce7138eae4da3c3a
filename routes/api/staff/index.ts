import { api, tenantTx } from "../../../lib/api.ts";
import { createStaff, listStaff, StaffCreate } from "../../../services/staff/staff.ts";

export const handler = {
  GET: api({
    summary: "List staff members with their hours, services and coming time off",
    tags: ["staff"],
    access: "member",
    handle: (c) => tenantTx(c, async (tx) => ({ data: await listStaff(tx) })),
  }),
  POST: api({
    summary: "Add a staff member",
    description:
      "working_hours are weekly intervals (weekday 1 = Monday … 7 = Sunday); service_ids are the services they perform.",
    tags: ["staff"],
    access: "owner",
    body: StaffCreate,
    status: 201,
    handle: (c, { body }) => tenantTx(c, (tx) => createStaff(tx, body)),
  }),
};
