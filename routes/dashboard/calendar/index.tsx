import {
  appointmentsBetween,
  boardAppointment,
  boardHours,
  viewDates,
} from "../../../components/calendar.ts";
import { Field, FormError, Select, TextArea } from "../../../components/Fields.tsx";
import { dayLabel, type Locale } from "../../../components/format.ts";
import { DashboardShell } from "../../../components/Layout.tsx";
import { NextSlots, SlotFields } from "../../../components/Slots.tsx";
import {
  emptyForm,
  formErrorOf,
  type FormState,
  inTenant,
  keep,
  type LayoutData,
  loadPage,
  optText,
  pageLocale,
  readForm,
  redirectWith,
  text,
  validate,
} from "../../../components/page.ts";
import CalendarBoard, { type CalendarBoardProps } from "../../../islands/CalendarBoard.tsx";
import type { Ctx } from "../../../lib/app_env.ts";
import { type MessageKey, t } from "../../../lib/i18n/mod.ts";
import { render } from "../../../lib/render.tsx";
import type { PageProps } from "../../../lib/render.tsx";
import { createAppointment } from "../../../services/appointments/appointments.ts";
import { AppointmentCreate, LocalDate } from "../../../services/appointments/schemas.ts";
import type { Slot } from "../../../services/appointments/slots.ts";
import { AppError } from "../../../services/errors.ts";
import { serviceOptions } from "../../../services/offerings/offerings.ts";
import { staffOptions } from "../../../services/staff/staff.ts";
import { getTenant } from "../../../services/tenants/tenants.ts";
import { addDays, localDate } from "../../../services/time.ts";

interface View {
  view: "day" | "week";
  date: string;
  staff?: string;
}

interface Data {
  layout: LayoutData;
  view: View;
  board: CalendarBoardProps;
  services: { id: string; name: string; duration: number }[];
  allStaff: { id: string; name: string }[];
  form: FormState;
  nextSlots: Slot[];
}

function readView(source: (k: string) => string | undefined): View {
  const view = source("view") === "week" ? "week" : "day";
  const raw = source("date");
  const date = raw && LocalDate.safeParse(raw).success ? raw : null;
  const staff = source("staff");
  return {
    view,
    date: date ?? "",
    staff: staff && /^[0-9a-f-]{36}$/i.test(staff) ? staff : undefined,
  };
}

function viewHref(v: View, patch: Partial<View> = {}): string {
  const next = { ...v, ...patch };
  const q = new URLSearchParams({ view: next.view, date: next.date });
  if (next.staff) q.set("staff", next.staff);
  return `/dashboard/calendar?${q}`;
}

async function show(
  c: Ctx,
  asked: View,
  form: FormState | null,
  nextSlots: Slot[] = [],
  status = 200,
): Promise<Response> {
  const locale = pageLocale(c);
  const { layout, page } = await loadPage(c, "calendar", async (tx) => {
    const tenant = await getTenant(tx);
    const date = asked.date || localDate(new Date(), tenant.timezone);
    const dates = viewDates(asked.view, date);
    const appointments = await appointmentsBetween(tx, dates[0]!, dates[dates.length - 1]!);
    const staff = await staffOptions(tx, { activeOnly: true });
    const services = await serviceOptions(tx, { activeOnly: true });
    return { tenant, date, dates, appointments, staff, services };
  });
  const view = { ...asked, date: page.date };
  const shown = view.staff ? page.staff.filter((p) => p.id === view.staff) : page.staff;
  const inView = view.staff
    ? page.appointments.filter((a) => a.staff_id === view.staff)
    : page.appointments;
  const { dayStart, dayEnd } = boardHours(
    page.tenant.settings,
    page.dates,
    inView,
    page.tenant.timezone,
  );
  const board: CalendarBoardProps = {
    locale,
    timezone: page.tenant.timezone,
    view: view.view,
    dates: page.dates,
    staff: shown,
    appointments: inView.map(boardAppointment),
    dayStart,
    dayEnd,
  };
  return render(
    c,
    {
      layout,
      view,
      board,
      services: page.services,
      allStaff: page.staff,
      form: form ?? emptyForm({ date: view.date, time: "10:00" }),
      nextSlots,
    } satisfies Data,
    status,
  );
}

export const handler = {
  GET(c: Ctx) {
    return show(c, readView((k) => c.req.query(k)), null);
  },
  async POST(c: Ctx) {
    const locale = pageLocale(c);
    const form = await readForm(c);
    const view = readView((k) => c.req.query(k));
    const slot = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(text(form, "slot") ?? "");
    const date = slot ? slot[1]! : text(form, "date") ?? "";
    const time = slot ? slot[2]! : text(form, "time") ?? "";
    const values = { ...keep(form), date, time };
    const v = validate(AppointmentCreate, {
      service_id: text(form, "service_id") ?? "",
      staff_id: optText(form, "staff_id"),
      date,
      time,
      customer: {
        name: text(form, "customer.name") ?? "",
        phone: text(form, "customer.phone") ?? "",
        email: optText(form, "customer.email"),
      },
      notes: optText(form, "notes"),
      channel: "dashboard",
    }, locale);
    if (!v.ok) {
      const errors = { ...v.errors };
      if (errors.starts_at) errors.time = errors.starts_at;
      return await show(c, view, { values, errors, error: t(locale, "err.form") }, [], 422);
    }
    try {
      await inTenant(c, (tx) => createAppointment(tx, v.data, { actor: "business" }));
    } catch (err) {
      const { errors, error } = formErrorOf(err, locale);
      const next = err instanceof AppError && err.code === "slot_unavailable"
        ? ((err.details as { next_slots?: Slot[] })?.next_slots ?? [])
        : [];
      const moved = { ...errors };
      if (moved["customer.phone"] === undefined && moved.phone) {
        moved["customer.phone"] = moved.phone;
      }
      return await show(c, view, { values, errors: moved, error }, next, 409);
    }
    return redirectWith(c, viewHref({ ...view, date }), "flash.booked");
  },
};

function Toolbar(
  { v, locale, staff }: { v: View; locale: Locale; staff: { id: string; name: string }[] },
) {
  const s = (k: MessageKey) => t(locale, k);
  const step = v.view === "week" ? 7 : 1;
  return (
    <div class="cal-toolbar">
      <a class="btn small" href={viewHref(v, { date: addDays(v.date, -step) })}>
        ← <span class="sr-only">{s("cal.previous")}</span>
      </a>
      <a class="btn small" href={viewHref(v, { date: "" })}>{s("cal.today")}</a>
      <a class="btn small" href={viewHref(v, { date: addDays(v.date, step) })}>
        <span class="sr-only">{s("cal.next")}</span> →
      </a>
      <span class="range">
        {v.view === "week"
          ? `${dayLabel(viewDates("week", v.date)[0]!, locale)} – ${
            dayLabel(viewDates("week", v.date)[6]!, locale)
          }`
          : dayLabel(v.date, locale, true)}
      </span>
      <nav class="tabs inline-tabs" aria-label={s("cal.view")}>
        <a href={viewHref(v, { view: "day" })} aria-current={v.view === "day" ? "page" : undefined}>
          {s("cal.day")}
        </a>
        <a
          href={viewHref(v, { view: "week" })}
          aria-current={v.view === "week" ? "page" : undefined}
        >
          {s("cal.week")}
        </a>
      </nav>
      <form method="get" action="/dashboard/calendar" class="filters compact-filters">
        <input type="hidden" name="view" value={v.view} />
        <div class="field">
          <label for="cal-date">{s("cal.go_to")}</label>
          <input id="cal-date" type="date" name="date" value={v.date} />
        </div>
        <div class="field">
          <label for="cal-staff">{s("cal.staff")}</label>
          <select id="cal-staff" name="staff">
            <option value="">{s("dash.all")}</option>
            {staff.map((p) => (
              <option key={p.id} value={p.id} selected={p.id === v.staff}>{p.name}</option>
            ))}
          </select>
        </div>
        <button type="submit" class="btn small">{s("cal.show")}</button>
      </form>
    </div>
  );
}

export default function CalendarPage({ data, locale, url }: PageProps<Data>) {
  const s = (k: MessageKey) => t(locale, k);
  const v = data.view;
  const query = new URLSearchParams({ view: v.view, date: v.date });
  if (v.staff) query.set("staff", v.staff);
  return (
    <DashboardShell layout={data.layout} locale={locale} url={url} title={s("cal.title")}>
      <Toolbar v={v} locale={locale} staff={data.allStaff} />
      {data.board.staff.length === 0 && (
        <p class="alert info">
          {s("cal.no_staff")} <a href="/dashboard/staff/new">{s("staff.new")}</a>
        </p>
      )}
      <CalendarBoard {...data.board} />
      <section class="panel" id="new-appointment" aria-labelledby="new-appt-title">
        <h2 id="new-appt-title">{s("cal.new")}</h2>
        <form
          method="post"
          action={`/dashboard/calendar?${query}`}
          novalidate
          data-testid="new-appointment"
        >
          <FormError form={data.form} />
          <NextSlots slots={data.nextSlots} locale={locale} />
          <div class="grid-form">
            <Select
              label={s("cal.service")}
              name="service_id"
              form={data.form}
              options={[
                { value: "", label: s("cal.choose") },
                ...data.services.map((o) => ({
                  value: o.id,
                  label: `${o.name} (${o.duration} ${s("off.minutes")})`,
                })),
              ]}
            />
            <Select
              label={s("cal.staff")}
              name="staff_id"
              form={data.form}
              options={[
                { value: "", label: s("cal.any_staff") },
                ...data.allStaff.map((p) => ({ value: p.id, label: p.name })),
              ]}
            />
            <SlotFields form={data.form} locale={locale} />
            <Field
              label={s("cal.customer_name")}
              name="customer.name"
              autocomplete="off"
              required
              form={data.form}
            />
            <Field
              label={s("cal.customer_phone")}
              name="customer.phone"
              type="tel"
              required
              hint={s("staff.phone_hint")}
              form={data.form}
            />
            <Field
              label={s("cal.customer_email")}
              name="customer.email"
              type="email"
              form={data.form}
            />
            <div class="wide">
              <TextArea label={s("cal.notes")} name="notes" rows={2} form={data.form} />
            </div>
          </div>
          <div class="form-actions">
            <button type="submit" class="btn primary">{s("cal.book")}</button>
          </div>
        </form>
      </section>
    </DashboardShell>
  );
}
