import { ActionButton, Field, FormError } from "../../../components/Fields.tsx";
import { dayLabel } from "../../../components/format.ts";
import {
  businessToRanges,
  HoursGrid,
  hoursValues,
  rangesToBusiness,
  readHours,
} from "../../../components/HoursGrid.tsx";
import { DashboardShell } from "../../../components/Layout.tsx";
import { readOwnerPost } from "../../../components/owner_post.ts";
import {
  emptyForm,
  formErrorOf,
  type FormFields,
  type FormState,
  inTenant,
  keep,
  type LayoutData,
  loadPage,
  pageLocale,
  redirectWith,
  text,
  validate,
} from "../../../components/page.ts";
import type { Ctx } from "../../../lib/app_env.ts";
import { type MessageKey, t } from "../../../lib/i18n/mod.ts";
import { render } from "../../../lib/render.tsx";
import type { PageProps } from "../../../lib/render.tsx";
import { ValidationError } from "../../../services/errors.ts";
import {
  getTenant,
  setClosedDay,
  TenantUpdate,
  updateTenant,
} from "../../../services/tenants/tenants.ts";

const GRID = "bh";

interface Data {
  layout: LayoutData;
  hours: FormState;
  closed: FormState;
  closedDays: string[];
}

async function show(c: Ctx, forms: { hours?: FormState; closed?: FormState }, status = 200) {
  const { layout, page } = await loadPage(c, "staff", (tx) => getTenant(tx));
  const hours = forms.hours ??
    emptyForm(hoursValues(GRID, businessToRanges(page.settings.business_hours)));
  return render(
    c,
    {
      layout,
      hours,
      closed: forms.closed ?? emptyForm(),
      closedDays: page.settings.closed_days,
    } satisfies Data,
    status,
  );
}

function hoursErrors(errors: Record<string, string>, fieldOf: Record<string, string>) {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const m = /^(business_hours\.\w+\.\d+)(?:\.(open|close))?$/.exec(path);
    const base = m ? fieldOf[m[1]!] : undefined;
    if (base) out[`${base}.${m![2] === "open" ? "start" : "end"}`] = message;
    else out[GRID] = message;
  }
  return out;
}

async function saveHours(c: Ctx, form: FormFields): Promise<Response> {
  const locale = pageLocale(c);
  const { ranges, fieldOf } = readHours(form, GRID);
  const business = rangesToBusiness(ranges, fieldOf);
  const v = validate(TenantUpdate, { business_hours: business.hours }, locale);
  if (!v.ok) {
    return await show(c, {
      hours: {
        values: keep(form),
        errors: hoursErrors(v.errors, business.fieldOf),
        error: t(locale, "err.form"),
      },
    }, 422);
  }
  await inTenant(c, (tx) => updateTenant(tx, v.data));
  return redirectWith(c, "/dashboard/staff/hours", "flash.saved");
}

async function changeClosed(c: Ctx, form: FormFields, add: boolean): Promise<Response> {
  const locale = pageLocale(c);
  const date = text(form, "date") ?? "";
  try {
    await inTenant(c, (tx) => setClosedDay(tx, date, add));
  } catch (err) {
    const { errors, error } = formErrorOf(err, locale);
    // A day the schema refuses is shown at the field alone.
    const refused = err instanceof ValidationError && err.code === "invalid_closed_day";
    return await show(c, {
      closed: { values: keep(form), errors, error: refused ? undefined : error },
    }, 422);
  }
  return redirectWith(c, "/dashboard/staff/hours#closed", add ? "flash.created" : "flash.removed");
}

export const handler = {
  GET(c: Ctx) {
    return show(c, {});
  },
  async POST(c: Ctx) {
    const post = await readOwnerPost(c, "staff", "/dashboard/staff/hours");
    if (post instanceof Response) return post;
    const { form } = post;
    switch (text(form, "_action")) {
      case "closed_add":
        return await changeClosed(c, form, true);
      case "closed_remove":
        return await changeClosed(c, form, false);
      case "hours":
        return await saveHours(c, form);
      default:
        return c.redirect("/dashboard/staff/hours", 303);
    }
  },
};

export default function BusinessHoursPage({ data, locale, url }: PageProps<Data>) {
  const s = (k: MessageKey) => t(locale, k);
  const owner = data.layout.isOwner;
  return (
    <DashboardShell layout={data.layout} locale={locale} url={url} title={s("hours.business")}>
      <p>
        <a href="/dashboard/staff">← {s("staff.title")}</a>
      </p>
      {!owner && <p class="alert info">{s("dash.owner_only_note")}</p>}
      <section class="panel">
        <p class="muted">
          {s("hours.timezone")}: <strong>{data.layout.timezone}</strong>{" "}
          <a href="/dashboard/settings">{s("hours.change_timezone")}</a>
        </p>
        <form method="post" action="/dashboard/staff/hours" novalidate data-testid="hours-form">
          <FormError form={data.hours} />
          <input type="hidden" name="_action" value="hours" />
          <HoursGrid
            prefix={GRID}
            form={data.hours}
            locale={locale}
            legend={s("hours.opening")}
            disabled={!owner}
          />
          <div class="form-actions">
            <button type="submit" class="btn primary" disabled={!owner}>{s("dash.save")}</button>
          </div>
        </form>
      </section>
      <section class="panel" id="closed" aria-labelledby="closed-title">
        <h2 id="closed-title">{s("hours.closed_days")}</h2>
        <p class="hint">{s("hours.closed_hint")}</p>
        {data.closedDays.length === 0
          ? <p class="muted">{s("hours.no_closed")}</p>
          : (
            <ul class="plain compact" data-testid="closed-days">
              {data.closedDays.map((d) => (
                <li key={d}>
                  {dayLabel(d, locale, true)} {owner && (
                    <ActionButton
                      action="/dashboard/staff/hours"
                      fields={{ _action: "closed_remove", date: d }}
                      label={s("dash.remove")}
                      variant="danger"
                    />
                  )}
                </li>
              ))}
            </ul>
          )}
        <form method="post" action="/dashboard/staff/hours" class="filters" novalidate>
          <FormError form={data.closed} />
          <input type="hidden" name="_action" value="closed_add" />
          <fieldset disabled={!owner} class="plain-fieldset filters">
            <Field
              label={s("hours.closed_date")}
              name="date"
              type="date"
              required
              form={data.closed}
            />
            <button type="submit" class="btn">{s("dash.add")}</button>
          </fieldset>
        </form>
      </section>
    </DashboardShell>
  );
}
