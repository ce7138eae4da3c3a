/**
 * The pages about one record (`/dashboard/<section>/[id]`): the id is checked before it reaches a
 * query, a post goes to the action its `_action` field names, and a record that is not the
 * tenant's (or is gone) is the not-found page.
 * @module
 */
import type { Tx } from "../db/types.ts";
import type { Ctx } from "../lib/app_env.ts";
import { isOwner } from "../services/auth/principal.ts";
import { NotFoundError } from "../services/errors.ts";
import { notFound, ownerOnly } from "./notice.ts";
import {
  currentUser,
  type FormFields,
  isId,
  type LayoutData,
  loadPage,
  readForm,
  type Section,
  text,
  type UserPrincipal,
} from "./page.ts";

/** What a record page does with a post: the record's id and the posted form. */
export type RecordAction = (c: Ctx, id: string, form: FormFields) => Promise<Response>;

/** How a record page is served. */
export interface RecordPageOptions {
  section: Section;
  /** The section's list, where a missing record sends the user back to. */
  list: string;
  /** Renders the record's page. */
  show: (c: Ctx, id: string) => Promise<Response>;
  /** The post actions by their `_action` value. */
  actions: Record<string, RecordAction>;
  /** Whether posts are for owners only. */
  ownerOnly?: boolean;
}

/** The `{ GET, POST }` handler of a record page. */
export function recordHandler(options: RecordPageOptions) {
  const { section, list, show, actions } = options;
  const missing = (c: Ctx) => notFound(c, section, list);
  return {
    GET(c: Ctx) {
      const id = c.req.param("id");
      if (!isId(id)) return missing(c);
      return show(c, id);
    },
    async POST(c: Ctx) {
      const id = c.req.param("id");
      if (!isId(id)) return await missing(c);
      const self = `${list}/${id}`;
      if (options.ownerOnly && !isOwner(currentUser(c))) return await ownerOnly(c, section, self);
      const form = await readForm(c);
      const name = text(form, "_action") ?? "";
      const action = Object.hasOwn(actions, name) ? actions[name] : undefined;
      if (!action) return c.redirect(self, 303);
      try {
        return await action(c, id, form);
      } catch (err) {
        if (err instanceof NotFoundError) return await missing(c);
        throw err;
      }
    },
  };
}

/** Loads a record page like `loadPage`, or answers with the not-found page when it is missing. */
export async function loadRecord<T>(
  c: Ctx,
  section: Section,
  list: string,
  fn: (tx: Tx, user: UserPrincipal) => Promise<T>,
): Promise<{ layout: LayoutData; page: T } | Response> {
  try {
    return await loadPage(c, section, fn);
  } catch (err) {
    if (err instanceof NotFoundError) return await notFound(c, section, list);
    throw err;
  }
}
