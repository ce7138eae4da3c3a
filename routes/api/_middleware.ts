import { bodyLimit } from "hono/body-limit";
import { authenticate, rejectRefusedCredentials } from "../../lib/middleware/auth.ts";
import { cors } from "../../lib/middleware/cors.ts";
import { rateLimit } from "../../lib/middleware/rate_limit.ts";
import { errorBody } from "../../services/errors.ts";

/** Request bodies above 1 MB are refused with 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

export const handler = [
  cors(),
  authenticate,
  rateLimit,
  rejectRefusedCredentials,
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json(errorBody("payload_too_large", "Request body is larger than 1 MB"), 413),
  }),
];
