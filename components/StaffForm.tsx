/**
 * The staff member form: who they are, their weekly working hours and the services they perform,
 * with the mapping between its fields and the staff API's body.
 * @module
 */
import { type MessageKey, t } from "../lib/i18n/mod.ts";
import type { StaffMember } from "../services/staff/staff.ts";
import { Check, CheckGroup, Field, FormError } from "./Fields.tsx";
import type { Locale } from "./format.ts";
import { gridErrors, HoursGrid, hoursValues, readHours } from "./HoursGrid.tsx";
import { checked, type FormFields, type FormState, list, optText, text } from "./page.ts";

/** The grid's field prefix. */
export const HOURS = "wh";

/** The form as the API's body, and the map from hour indexes to grid fields. */
export function staffBody(
  form: FormFields,
  mode: "create" | "update",
): { body: Record<string, unknown>; fieldOf: string[] } {
  const { ranges, fieldOf } = readHours(form, HOURS);
  const blank = mode === "create" ? undefined : null;
  const body: Record<string, unknown> = {
    name: text(form, "name") ?? "",
    title: optText(form, "title") ?? blank,
    email: optText(form, "email") ?? blank,
    phone: optText(form, "phone") ?? blank,
    color: optText(form, "color") ?? blank,
    is_active: checked(form, "is_active"),
    working_hours: ranges,
    service_ids: list(form, "service_ids"),
  };
  for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
  return { body, fieldOf };
}

/** Errors of the staff API moved onto the form's fields. */
export function staffErrors(errors: Record<string, string>, fieldOf: string[]) {
  const moved = gridErrors(errors, "working_hours", fieldOf);
  if (moved.working_hours) {
    moved[HOURS] = moved.working_hours;
    delete moved.working_hours;
  }
  return moved;
}

/** A staff member as form values. */
export function staffValues(m: StaffMember): Record<string, string | string[]> {
  return {
    name: m.name,
    title: m.title ?? "",
    email: m.email ?? "",
    phone: m.phone ?? "",
    color: m.color ?? "",
    is_active: m.is_active ? "on" : "",
    service_ids: m.service_ids,
    ...hoursValues(HOURS, m.working_hours),
  };
}

/** The create or edit form. */
export function StaffForm(
  { form, locale, action, services, disabled }: {
    form: FormState;
    locale: Locale;
    action: string;
    services: { id: string; name: string }[];
    disabled: boolean;
  },
) {
  const s = (k: MessageKey) => t(locale, k);
  return (
    <form method="post" action={action} novalidate data-testid="staff-form">
      <FormError form={form} />
      <input type="hidden" name="_action" value="save" />
      <fieldset disabled={disabled} class="plain-fieldset stack">
        <div class="grid-form">
          <Field label={s("staff.name")} name="name" required form={form} />
          <Field label={s("staff.title_field")} name="title" form={form} />
          <Field label={s("auth.email")} name="email" type="email" form={form} />
          <Field
            label={s("staff.phone")}
            name="phone"
            type="tel"
            hint={s("staff.phone_hint")}
            form={form}
          />
          <Field
            label={s("staff.color")}
            name="color"
            placeholder="#6b3fd4"
            hint={s("staff.color_hint")}
            form={form}
          />
          <Check label={s("staff.active")} name="is_active" form={form} />
        </div>
        <HoursGrid prefix={HOURS} form={form} locale={locale} legend={s("staff.hours")} />
        <CheckGroup
          legend={s("staff.services")}
          name="service_ids"
          form={form}
          hint={services.length === 0 ? s("staff.no_services") : undefined}
          options={services.map((o) => ({ value: o.id, label: o.name }))}
        />
        <div class="form-actions">
          <button type="submit" class="btn primary">{s("dash.save")}</button>
          <a class="btn ghost" href="/dashboard/staff">{s("dash.cancel")}</a>
        </div>
      </fieldset>
    </form>
  );
}
