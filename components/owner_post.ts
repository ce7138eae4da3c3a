/**
 * Form posts that only an owner may make: a staff user gets the owner-only page instead.
 * @module
 */
import type { Ctx } from "../lib/app_env.ts";
import { isOwner } from "../services/auth/principal.ts";
import type { Locale } from "./format.ts";
import { ownerOnly } from "./notice.ts";
import {
  currentUser,
  type FormFields,
  pageLocale,
  readForm,
  type Section,
  type UserPrincipal,
} from "./page.ts";

/** An owner's post: who posted, in which language, and the fields. */
export interface OwnerPost {
  user: UserPrincipal;
  locale: Locale;
  form: FormFields;
}

/** Reads an owner's post, or answers a staff user with the owner-only page linking to `back`. */
export async function readOwnerPost(
  c: Ctx,
  section: Section,
  back: string,
): Promise<OwnerPost | Response> {
  const user = currentUser(c);
  if (!isOwner(user)) return await ownerOnly(c, section, back);
  return { user, locale: pageLocale(c), form: await readForm(c) };
}
