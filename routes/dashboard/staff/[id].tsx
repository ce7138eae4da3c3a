import { ActionButton, Field, FormError } from "../../../components/Fields.tsx";
import { dateTime } from "../../../components/format.ts";
import { DashboardShell } from "../../../components/Layout.tsx";
import { notFound } from "../../../components/notice.ts";
import {
  emptyForm,
  formErrorOf,
  type FormFields,
  type FormState,
  inTenant,
  isId,
  keep,
  type LayoutData,
  optText,
  pageLocale,
  redirectWith,
  text,
  validate,
} from "../../../components/page.ts";
import { loadRecord, recordHandler } from "../../../components/record_page.ts";
import { staffBody, staffErrors, StaffForm, staffValues } from "../../../components/StaffForm.tsx";
import type { Ctx } from "../../../lib/app_env.ts";
import { type MessageKey, t } from "../../../lib/i18n/mod.ts";
import { render } from "../../../lib/render.tsx";
import type { PageProps } from "../../../lib/render.tsx";
import { NotFoundError } from "../../../services/errors.ts";
import { serviceOptions } from "../../../services/offerings/offerings.ts";
import {
  addTimeOff,
  deleteTimeOff,
  getStaff,
  type StaffMember,
  StaffUpdate,
  TimeOffCreate,
  updateStaff,
} from "../../../services/staff/staff.ts";
import { getTenant } from "../../../services/tenants/tenants.ts";
import { formatZoned, zonedTimeToInstant } from "../../../services/time.ts";

interface Data {
  layout: LayoutData;
  member: StaffMember;
  form: FormState;
  timeOff: FormState;
  services: { id: string; name: string }[];
}

async function show(
  c: Ctx,
  id: string,
  forms: { form?: FormState; timeOff?: FormState } = {},
  status = 200,
): Promise<Response> {
  const loaded = await loadRecord(c, "staff", "/dashboard/staff", async (tx) => ({
    member: await getStaff(tx, id),
    services: await serviceOptions(tx),
  }));
  if (loaded instanceof Response) return loaded;
  const { layout, page } = loaded;
  return render(
    c,
    {
      layout,
      ...page,
      form: forms.form ?? emptyForm(staffValues(page.member)),
      timeOff: forms.timeOff ?? emptyForm(),
    } satisfies Data,
    status,
  );
}

async function save(c: Ctx, id: string, form: FormFields): Promise<Response> {
  const locale = pageLocale(c);
  const { body, fieldOf } = staffBody(form, "update");
  const v = validate(StaffUpdate, body, locale);
  if (!v.ok) {
    return await show(c, id, {
      form: {
        values: keep(form),
        errors: staffErrors(v.errors, fieldOf),
        error: t(locale, "err.form"),
      },
    }, 422);
  }
  try {
    await inTenant(c, (tx) => updateStaff(tx, id, v.data));
  } catch (err) {
    if (err instanceof NotFoundError) throw err;
    const { errors, error } = formErrorOf(err, locale);
    return await show(c, id, {
      form: { values: keep(form), errors: staffErrors(errors, fieldOf), error },
    }, 422);
  }
  return redirectWith(c, `/dashboard/staff/${id}`, "flash.saved");
}

/** "2026-03-12T09:30" from a datetime-local input, as an instant with the zone's offset. */
function zoned(value: string | undefined, timeZone: string): string | undefined {
  const m = value ? /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value) : null;
  if (!m) return value;
  try {
    return formatZoned(zonedTimeToInstant(m[1]!, m[2]!, timeZone), timeZone);
  } catch {
    return value;
  }
}

async function timeOff(c: Ctx, id: string, form: FormFields): Promise<Response> {
  const locale = pageLocale(c);
  const errors = await inTenant(c, async (tx) => {
    const tz = (await getTenant(tx)).timezone;
    const v = validate(TimeOffCreate, {
      starts_at: zoned(optText(form, "starts_at"), tz) ?? "",
      ends_at: zoned(optText(form, "ends_at"), tz) ?? "",
      reason: optText(form, "reason"),
    }, locale);
    if (!v.ok) return v.errors;
    await addTimeOff(tx, id, v.data);
    return null;
  });
  if (errors) return await show(c, id, { timeOff: { values: keep(form), errors } }, 422);
  return redirectWith(c, `/dashboard/staff/${id}#time-off`, "flash.created");
}

async function removeTimeOff(c: Ctx, id: string, form: FormFields): Promise<Response> {
  const entry = text(form, "entry");
  if (!isId(entry)) return await notFound(c, "staff", `/dashboard/staff/${id}`);
  await inTenant(c, (tx) => deleteTimeOff(tx, id, entry));
  return redirectWith(c, `/dashboard/staff/${id}#time-off`, "flash.removed");
}

export const handler = recordHandler({
  section: "staff",
  list: "/dashboard/staff",
  show,
  actions: { time_off: timeOff, time_off_remove: removeTimeOff, save },
  ownerOnly: true,
});

export default function StaffMemberPage({ data, locale, url }: PageProps<Data>) {
  const s = (k: MessageKey) => t(locale, k);
  const m = data.member;
  const owner = data.layout.isOwner;
  const tz = data.layout.timezone;
  return (
    <DashboardShell layout={data.layout} locale={locale} url={url} title={m.name}>
      <p>
        <a href="/dashboard/staff">← {s("staff.title")}</a>
      </p>
      {!owner && <p class="alert info">{s("dash.owner_only_note")}</p>}
      <section class="panel">
        <StaffForm
          form={data.form}
          locale={locale}
          action={`/dashboard/staff/${m.id}`}
          services={data.services}
          disabled={!owner}
        />
      </section>
      <section class="panel" id="time-off" aria-labelledby="time-off-title">
        <h2 id="time-off-title">{s("staff.time_off")}</h2>
        {m.time_off.length === 0
          ? <p class="muted">{s("staff.no_time_off")}</p>
          : (
            <ul class="plain compact" data-testid="time-off-list">
              {m.time_off.map((o) => (
                <li key={o.id}>
                  {dateTime(o.starts_at, tz, locale)} – {dateTime(o.ends_at, tz, locale)}
                  {o.reason && <span class="muted">· {o.reason}</span>} {owner && (
                    <ActionButton
                      action={`/dashboard/staff/${m.id}`}
                      fields={{ _action: "time_off_remove", entry: o.id }}
                      label={s("dash.remove")}
                      variant="danger"
                    />
                  )}
                </li>
              ))}
            </ul>
          )}
        <form method="post" action={`/dashboard/staff/${m.id}`} novalidate>
          <FormError form={data.timeOff} />
          <input type="hidden" name="_action" value="time_off" />
          <fieldset disabled={!owner} class="plain-fieldset filters">
            <Field
              label={s("staff.off_from")}
              name="starts_at"
              type="datetime-local"
              required
              form={data.timeOff}
            />
            <Field
              label={s("staff.off_to")}
              name="ends_at"
              type="datetime-local"
              required
              form={data.timeOff}
            />
            <Field label={s("staff.off_reason")} name="reason" form={data.timeOff} />
            <button type="submit" class="btn">{s("staff.add_time_off")}</button>
          </fieldset>
        </form>
      </section>
    </DashboardShell>
  );
}
