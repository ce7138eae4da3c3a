import { api } from "../../../lib/api.ts";
import { signup, SignupInput } from "../../../services/auth/accounts.ts";

export const handler = {
  POST: api({
    summary: "Sign up a business and its owner",
    description:
      "Creates the tenant, the owner and a first publishable key (shown once), and logs the owner in.",
    tags: ["auth"],
    access: "public",
    body: SignupInput,
    status: 201,
    handle: (c, { body }) => signup(c.get("deps").db, body, c.get("deps").signer),
  }),
};
