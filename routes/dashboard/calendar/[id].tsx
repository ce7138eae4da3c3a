import { Fact } from "../../../components/Fact.tsx";
import { Field, FormError, Select, StatusButtons } from "../../../components/Fields.tsx";
import { clock, dateTime, dayLabel, money } from "../../../components/format.ts";
import { DashboardShell } from "../../../components/Layout.tsx";
import { NextSlots, SlotFields } from "../../../components/Slots.tsx";
import {
  emptyForm,
  formErrorOf,
  type FormFields,
  type FormState,
  inTenant,
  keep,
  type LayoutData,
  optText,
  pageLocale,
  redirectWith,
  text,
  validate,
} from "../../../components/page.ts";
import { loadRecord, recordHandler } from "../../../components/record_page.ts";
import type { Ctx } from "../../../lib/app_env.ts";
import { type MessageKey, t } from "../../../lib/i18n/mod.ts";
import { render } from "../../../lib/render.tsx";
import type { PageProps } from "../../../lib/render.tsx";
import {
  type Appointment,
  cancelAppointment,
  getAppointment,
  TRANSITIONS,
  updateAppointment,
} from "../../../services/appointments/appointments.ts";
import { AppointmentUpdate } from "../../../services/appointments/schemas.ts";
import type { Slot } from "../../../services/appointments/slots.ts";
import { AppError, NotFoundError } from "../../../services/errors.ts";
import { staffOptions } from "../../../services/staff/staff.ts";
import { localTime } from "../../../services/time.ts";

interface Data {
  layout: LayoutData;
  appointment: Appointment;
  staff: { id: string; name: string }[];
  move: FormState;
  cancel: FormState;
  status: FormState;
  nextSlots: Slot[];
}

async function show(
  c: Ctx,
  id: string,
  forms: { move?: FormState; cancel?: FormState; status?: FormState; nextSlots?: Slot[] } = {},
  status = 200,
): Promise<Response> {
  const loaded = await loadRecord(c, "calendar", "/dashboard/calendar", async (tx) => ({
    appointment: await getAppointment(tx, id),
    staff: await staffOptions(tx, { activeOnly: true }),
  }));
  if (loaded instanceof Response) return loaded;
  const { layout, page } = loaded;
  const a = page.appointment;
  return render(
    c,
    {
      layout,
      ...page,
      move: forms.move ?? emptyForm({
        date: a.scheduled_date,
        time: localTime(a.starts_at, layout.timezone),
        staff_id: a.staff_id ?? "",
      }),
      cancel: forms.cancel ?? emptyForm(),
      status: forms.status ?? emptyForm(),
      nextSlots: forms.nextSlots ?? [],
    } satisfies Data,
    status,
  );
}

function back(a: { scheduled_date: string }): string {
  return `/dashboard/calendar?view=day&date=${a.scheduled_date}`;
}

async function move(c: Ctx, id: string, form: FormFields): Promise<Response> {
  const locale = pageLocale(c);
  const slot = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(text(form, "slot") ?? "");
  const date = slot ? slot[1]! : text(form, "date") ?? "";
  const time = slot ? slot[2]! : text(form, "time") ?? "";
  const values = { ...keep(form), date, time };
  const v = validate(
    AppointmentUpdate,
    { date, time, staff_id: optText(form, "staff_id") },
    locale,
  );
  if (!v.ok) {
    return await show(
      c,
      id,
      { move: { values, errors: v.errors, error: t(locale, "err.form") } },
      422,
    );
  }
  let moved: Appointment;
  try {
    moved = await inTenant(c, (tx) => updateAppointment(tx, id, v.data, { actor: "business" }));
  } catch (err) {
    if (err instanceof NotFoundError) throw err;
    const { errors, error } = formErrorOf(err, locale);
    const nextSlots = err instanceof AppError && err.code === "slot_unavailable"
      ? (err.details as { next_slots?: Slot[] })?.next_slots ?? []
      : [];
    return await show(c, id, { move: { values, errors, error }, nextSlots }, 409);
  }
  return redirectWith(c, back(moved), "flash.moved");
}

async function setStatus(c: Ctx, id: string, form: FormFields): Promise<Response> {
  const locale = pageLocale(c);
  const v = validate(AppointmentUpdate, { status: text(form, "status") ?? "" }, locale);
  if (!v.ok) {
    return await show(c, id, {
      status: { values: {}, errors: {}, error: Object.values(v.errors)[0] },
    }, 422);
  }
  try {
    await inTenant(c, (tx) => updateAppointment(tx, id, v.data, { actor: "business" }));
  } catch (err) {
    if (err instanceof NotFoundError) throw err;
    const { error } = formErrorOf(err, locale);
    return await show(c, id, { status: { values: {}, errors: {}, error } }, 409);
  }
  return redirectWith(c, `/dashboard/calendar/${id}`, "flash.status");
}

async function cancel(c: Ctx, id: string, form: FormFields): Promise<Response> {
  const locale = pageLocale(c);
  const reason = optText(form, "reason");
  if (reason && reason.length > 500) {
    return await show(c, id, {
      cancel: {
        values: keep(form),
        errors: { reason: t(locale, "err.max_chars").replace("{n}", "500") },
      },
    }, 422);
  }
  let done: Appointment;
  try {
    done = await inTenant(c, (tx) => cancelAppointment(tx, id, { by: "business", reason }));
  } catch (err) {
    if (err instanceof NotFoundError) throw err;
    const { error } = formErrorOf(err, locale);
    return await show(c, id, { cancel: { values: keep(form), errors: {}, error } }, 409);
  }
  return redirectWith(c, back(done), "flash.cancelled");
}

export const handler = recordHandler({
  section: "calendar",
  list: "/dashboard/calendar",
  show,
  actions: { cancel, status: setStatus, move },
});

export default function AppointmentPage({ data, locale, url }: PageProps<Data>) {
  const s = (k: MessageKey) => t(locale, k);
  const a = data.appointment;
  const tz = data.layout.timezone;
  const open = a.status === "pending" || a.status === "confirmed";
  const next = TRANSITIONS[a.status].filter((x) => x !== "cancelled");
  return (
    <DashboardShell
      layout={data.layout}
      locale={locale}
      url={url}
      title={`${a.service_name} · ${dayLabel(a.scheduled_date, locale)} ${
        clock(a.starts_at, tz, locale)
      }`}
      actions={<span class="pill">{s(`appt.status.${a.status}` as MessageKey)}</span>}
    >
      <p>
        <a href={back(a)}>← {s("cal.title")}</a>
      </p>
      <section class="panel">
        <dl class="facts">
          <Fact label={s("cal.customer_name")}>{a.customer_name}</Fact>
          <Fact label={s("cal.customer_phone")}>
            <a href={`tel:${a.customer_phone}`}>{a.customer_phone}</a>
          </Fact>
          {a.customer_email && <Fact label={s("cal.customer_email")}>{a.customer_email}</Fact>}
          <Fact label={s("cal.when")}>
            {dateTime(a.starts_at, tz, locale)} – {clock(a.ends_at, tz, locale)}
          </Fact>
          <Fact label={s("cal.staff")}>{a.staff_name ?? s("cal.unassigned")}</Fact>
          <Fact label={s("cal.code")}>
            <code data-testid="confirmation-code">{a.confirmation_code}</code>
          </Fact>
          <Fact label={s("cal.price")}>{money(a.price, locale)}</Fact>
          <Fact label={s("cal.channel")}>{s(`channel.${a.channel}` as MessageKey)}</Fact>
          {a.notes && <Fact label={s("cal.notes")}>{a.notes}</Fact>}
          {a.cancel_reason && <Fact label={s("cal.cancel_reason")}>{a.cancel_reason}</Fact>}
        </dl>
      </section>
      {open && (
        <section class="panel" aria-labelledby="move-title">
          <h2 id="move-title">{s("cal.move")}</h2>
          <form
            method="post"
            action={`/dashboard/calendar/${a.id}`}
            novalidate
            data-testid="move-form"
          >
            <FormError form={data.move} />
            <input type="hidden" name="_action" value="move" />
            <NextSlots slots={data.nextSlots} locale={locale} />
            <div class="grid-form">
              <SlotFields form={data.move} locale={locale} />
              <Select
                label={s("cal.staff")}
                name="staff_id"
                form={data.move}
                options={[
                  { value: "", label: s("cal.keep_staff") },
                  ...data.staff.map((p) => ({ value: p.id, label: p.name })),
                ]}
              />
            </div>
            <div class="form-actions">
              <button type="submit" class="btn primary">{s("cal.move")}</button>
            </div>
          </form>
        </section>
      )}
      {(next.length > 0 || data.status.error) && (
        <section class="panel" aria-labelledby="status-title">
          <h2 id="status-title">{s("dash.status")}</h2>
          <FormError form={data.status} />
          <StatusButtons
            action={`/dashboard/calendar/${a.id}`}
            statuses={next}
            label={(st) =>
              s(`appt.mark.${st}` as MessageKey)}
          />
        </section>
      )}
      {open && (
        <section class="panel" aria-labelledby="cancel-title">
          <h2 id="cancel-title">{s("cal.cancel")}</h2>
          <form method="post" action={`/dashboard/calendar/${a.id}`} class="filters" novalidate>
            <FormError form={data.cancel} />
            <input type="hidden" name="_action" value="cancel" />
            <Field label={s("cal.cancel_reason")} name="reason" form={data.cancel} />
            <button type="submit" class="btn danger">{s("cal.cancel")}</button>
          </form>
          <p class="hint">{s("cal.cancel_hint")}</p>
        </section>
      )}
    </DashboardShell>
  );
}
