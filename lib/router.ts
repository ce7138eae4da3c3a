/**
 * File routes on Hono, with Fresh's conventions: `routes/` files become paths (`[id]` is a
 * parameter, `index` the folder itself), `_middleware.ts` applies to its folder, `_app.tsx` wraps
 * pages, and a route module exports `handler` and may default-export a page.
 * @module
 */
import type { Hono, MiddlewareHandler } from "hono";
import type { ComponentType } from "preact";
import type { AppEnv, Ctx } from "./app_env.ts";
import { registerIslands } from "./island.tsx";
import { render } from "./render.tsx";

/** What a route module may export. */
export interface RouteModule {
  handler?:
    | ((c: Ctx) => Response | Promise<Response>)
    | Partial<Record<Method, (c: Ctx) => Response | Promise<Response>>>;
  // deno-lint-ignore no-explicit-any
  default?: ComponentType<any>;
}

/** What a `_middleware.ts` exports. */
export interface MiddlewareModule {
  handler: MiddlewareHandler<AppEnv> | MiddlewareHandler<AppEnv>[];
}

/** HTTP methods a route may handle. */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS";

/** The generated list of routes, middlewares, app shell and islands. */
export interface Manifest {
  // deno-lint-ignore no-explicit-any
  app?: { default: ComponentType<any> };
  middlewares: { prefix: string; module: MiddlewareModule }[];
  routes: { file: string; pattern: string; module: RouteModule }[];
  // deno-lint-ignore no-explicit-any
  islands: { name: string; module: { default: ComponentType<any> } }[];
}

const METHODS: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/** Registers a manifest's middlewares and routes on a Hono app. */
export function mountRoutes(app: Hono<AppEnv>, manifest: Manifest): void {
  registerIslands(manifest.islands.map((i) => ({ name: i.name, component: i.module.default })));
  const shell = manifest.app?.default;
  const middlewares = [...manifest.middlewares].sort((a, b) => a.prefix.length - b.prefix.length);
  for (const { prefix, module } of middlewares) {
    const list = Array.isArray(module.handler) ? module.handler : [module.handler];
    app.use(prefix === "/" ? "*" : `${prefix}/*`, ...list);
  }
  for (const { pattern, module } of manifest.routes) {
    const page = module.default;
    // Handlers of routes without a page (the API) are mounted as they are.
    const withPage = (fn: (c: Ctx) => Response | Promise<Response>) =>
      page
        ? (c: Ctx) => {
          c.set("page", { page, shell });
          return fn(c);
        }
        : fn;
    const handler = module.handler;
    if (typeof handler === "function") {
      app.all(pattern, withPage(handler));
      continue;
    }
    for (const method of METHODS) {
      const fn = handler?.[method];
      if (fn) app.on(method, pattern, withPage(fn));
    }
    if (page && !handler?.GET) app.get(pattern, withPage((c) => render(c, undefined)));
  }
}
