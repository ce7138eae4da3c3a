/**
 * Builds the Hono app: global middleware, static files, the file routes and the error envelope.
 * @module
 */
import { Hono } from "hono";
import { errorBody } from "../services/errors.ts";
import type { AppEnv, Deps } from "./app_env.ts";
import { handleError } from "./errors.ts";
import { MemoRouter } from "./memo_router.ts";
import { requestContext } from "./middleware/request_context.ts";
import { mountRoutes } from "./router.ts";
import { manifest } from "./routes_gen.ts";
import { mountStatic } from "./static.ts";

/** Creates the application for a set of dependencies. */
export function createApp(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>({ router: new MemoRouter() });
  app.use("*", requestContext(deps));
  mountStatic(app);
  mountRoutes(app, manifest);
  app.notFound((c) =>
    c.json(errorBody("not_found", `No route for ${c.req.method} ${c.req.path}`), 404)
  );
  app.onError(handleError);
  return app;
}
