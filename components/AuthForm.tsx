/**
 * The form of the login, sign-up and join pages: the form's error, its fields and one button.
 * @module
 */
import type { ComponentChildren } from "preact";
import { FormError } from "./Fields.tsx";
import type { FormState } from "./page.ts";

/** A sign-in form posting to `action`; `intro` is a note above it. */
export function AuthForm(
  { action, form, submit, intro, children }: {
    action: string;
    form: FormState;
    submit: string;
    intro?: string;
    children: ComponentChildren;
  },
) {
  return (
    <form method="post" action={action} class="stack" novalidate>
      {intro && <p class="muted">{intro}</p>}
      <FormError form={form} />
      {children}
      <button type="submit" class="btn primary">{submit}</button>
    </form>
  );
}
