/**
 * Builds the Hono app: global middleware, static files, the file routes and the error envelope.
 * @module
 */
import { Hono } from "hono";
import { errorBody } from "../services/errors.ts";
import type { AppEnv, Deps } from "./app_env.ts";
import { handleError } from "./errors.ts";
import { requestContext } from "./middleware/request_context.ts";
import { securityHeaders } from "./middleware/security_headers.ts";
import { mountRoutes } from "./router.ts";
import { manifest } from "./routes_gen.ts";
import { mountStatic } from "./static.ts";

/** Creates the application for a set of dependencies. */
export function createApp(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("*", requestContext(deps));
  app.use("*", securityHeaders({ hsts: deps.publicUrl.startsWith("https://") }));
  mountStatic(app);
  mountRoutes(app, manifest);
  app.notFound((c) =>
    c.json(errorBody("not_found", `No route for ${c.req.method} ${c.req.path}`), 404)
  );
  app.onError(handleError);
  return app;
}
