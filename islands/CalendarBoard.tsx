/**
 * The calendar board: a column per staff member (per day in the week view), appointments placed
 * by time. On the server it renders the board with links to each appointment's page; in the
 * browser it follows live changes (the assistant's bookings appear without a reload), moves an
 * appointment by drag and drop or by choosing it and clicking a free place, cancels, and fills
 * the new-appointment form from a click on an empty place.
 * @module
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { clock, dayLabel, fill, type Locale } from "../components/format.ts";
import { errorText } from "../components/messages.ts";
import { type MessageKey, t } from "../lib/i18n/mod.ts";
import { formatZoned, localDate, pad, zonedParts, zonedTimeToInstant } from "../services/time.ts";
import { api } from "./api.ts";
import { onChange } from "./events.ts";

/** An appointment as the board shows it (times as ISO strings). */
export interface BoardAppointment {
  id: string;
  staff_id: string | null;
  starts_at: string;
  ends_at: string;
  service_name: string;
  customer_name: string;
  customer_phone: string;
  status: string;
  confirmation_code: string;
  channel: string;
}

/** Props of the board. */
export interface CalendarBoardProps {
  locale: Locale;
  timezone: string;
  view: "day" | "week";
  dates: string[];
  staff: { id: string; name: string; color: string | null }[];
  appointments: BoardAppointment[];
  /** Minutes after midnight of the first and last visible time. */
  dayStart: number;
  dayEnd: number;
}

const PX_PER_MIN = 1.1;
const SNAP = 15;
const UNASSIGNED = "none";

function minutesOf(iso: string, tz: string): number {
  const p = zonedParts(new Date(iso), tz);
  return p.hour * 60 + p.minute;
}

function hhmm(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

async function fetchRange(from: string, to: string): Promise<BoardAppointment[] | null> {
  const out: BoardAppointment[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const q = new URLSearchParams({ from, to, limit: "200" });
    if (cursor) q.set("cursor", cursor);
    const res = await api<{ data: BoardAppointment[]; next_cursor: string | null }>(
      "GET",
      `/api/appointments?${q}`,
    );
    if (!res.ok) return null;
    out.push(...res.body.data);
    cursor = res.body.next_cursor;
    if (!cursor) break;
  }
  return out;
}

export default function CalendarBoard(props: CalendarBoardProps) {
  const { locale, timezone: tz, dates, dayStart, dayEnd } = props;
  const s = (k: MessageKey) => t(locale, k);
  const [appointments, setAppointments] = useState(props.appointments);
  const [selected, setSelected] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  const [hydrated, setHydrated] = useState(false);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);

  const refresh = async () => {
    const fresh = await fetchRange(dates[0]!, dates[dates.length - 1]!);
    if (fresh) setAppointments(fresh);
  };

  useEffect(() => {
    setHydrated(true);
    return onChange((types) => {
      // "connected": what changed between rendering and subscribing is fetched too.
      if (
        types.has("*") || types.has("connected") || types.has("appointments.changed") ||
        types.has("staff.changed")
      ) {
        refresh();
      }
    });
  }, []);

  const visible = appointments.filter((a) => a.status !== "cancelled");
  const hasUnassigned = visible.some((a) => a.staff_id === null);
  const people = [
    ...props.staff,
    ...(hasUnassigned ? [{ id: UNASSIGNED, name: s("cal.unassigned"), color: null }] : []),
  ];
  const columns = dates.flatMap((date) => people.map((p) => ({ date, person: p })));
  const height = (dayEnd - dayStart) * PX_PER_MIN;
  const chosen = visible.find((a) => a.id === selected) ?? null;

  const move = async (id: string, date: string, minutes: number, staffId: string) => {
    const a = appointments.find((x) => x.id === id);
    if (!a) return;
    const start = zonedTimeToInstant(date, hhmm(minutes), tz);
    const body: Record<string, unknown> = { starts_at: formatZoned(start, tz) };
    if (staffId !== UNASSIGNED) body.staff_id = staffId;
    setBusy(true);
    setStatus(s("cal.moving"));
    const res = await api("PUT", `/api/appointments/${id}`, body);
    setBusy(false);
    if (res.ok) {
      setSelected(null);
      setStatus(fill(s("cal.moved_to"), { when: `${dayLabel(date, locale)} ${hhmm(minutes)}` }));
      await refresh();
      return;
    }
    const next = (res.error?.details as { next_slots?: { date: string; time: string }[] })
      ?.next_slots;
    const message = res.status === 0
      ? s("err.network")
      : errorText(locale, res.error!.code, res.error!.message);
    setStatus(
      next && next.length > 0
        ? `${message} ${s("cal.next_free")}: ${
          next.slice(0, 4).map((x) => `${dayLabel(x.date, locale)} ${x.time}`).join(", ")
        }`
        : message,
    );
  };

  const cancel = async (id: string) => {
    setBusy(true);
    const res = await api("DELETE", `/api/appointments/${id}`);
    setBusy(false);
    if (res.ok) {
      setSelected(null);
      setStatus(s("flash.cancelled"));
      await refresh();
    } else {
      setStatus(errorText(locale, res.error!.code, res.error!.message));
    }
  };

  const minutesAt = (e: MouseEvent | DragEvent, col: HTMLElement) => {
    const y = e.clientY - col.getBoundingClientRect().top;
    const raw = dayStart + y / PX_PER_MIN;
    return Math.max(dayStart, Math.min(dayEnd - SNAP, Math.round(raw / SNAP) * SNAP));
  };

  const prefillCreate = (date: string, minutes: number, staffId: string) => {
    const set = (id: string, value: string) => {
      const el = document.getElementById(id) as HTMLInputElement | HTMLSelectElement | null;
      if (el) el.value = value;
    };
    set("f-date", date);
    set("f-time", hhmm(minutes));
    if (staffId !== UNASSIGNED) set("f-staff_id", staffId);
    document.getElementById("new-appointment")?.scrollIntoView({ block: "start" });
    (document.getElementById("f-service_id") as HTMLElement | null)?.focus();
    setStatus(fill(s("cal.prefilled"), { when: `${dayLabel(date, locale)} ${hhmm(minutes)}` }));
  };

  const onColumnClick = (e: MouseEvent, date: string, staffId: string) => {
    if ((e.target as HTMLElement).closest(".appt")) return;
    const minutes = minutesAt(e, e.currentTarget as HTMLElement);
    if (selected) move(selected, date, minutes, staffId);
    else prefillCreate(date, minutes, staffId);
  };

  const hours: number[] = [];
  for (let m = Math.ceil(dayStart / 60) * 60; m <= dayEnd; m += 60) hours.push(m);
  const multiDay = props.view === "week";

  return (
    <div class="calendar-board">
      <p class="sr-only" aria-live="polite" ref={statusRef}>{status}</p>
      {hydrated && <p class="hint" id="cal-help">{s("cal.help")}</p>}
      {status && <div class="alert info" role="status" data-testid="cal-status">{status}</div>}
      <div class="cal-scroll">
        <div
          class="cal"
          style={`grid-template-columns: 52px repeat(${columns.length}, minmax(${
            multiDay ? 92 : 140
          }px, 1fr))`}
          data-testid="calendar"
          data-day-start={dayStart}
          data-px-per-min={PX_PER_MIN}
          data-ready={hydrated ? "true" : undefined}
        >
          {multiDay && (
            <>
              <div class="cal-head day-head corner" />
              {dates.map((date) => (
                <div
                  key={date}
                  class="cal-head day-head"
                  style={`grid-column: span ${people.length}`}
                >
                  {dayLabel(date, locale)}
                </div>
              ))}
            </>
          )}
          <div class="cal-head corner" />
          {columns.map(({ date, person }) => (
            <div key={`${date}:${person.id}`} class="cal-head" title={person.name}>
              {person.color && (
                <span class="swatch" style={`background:${person.color}`} aria-hidden="true" />
              )}
              {person.name}
            </div>
          ))}
          <div class="cal-times" style={`height:${height}px`} aria-hidden="true">
            {hours.map((m) => (
              <span key={m} style={`top:${(m - dayStart) * PX_PER_MIN}px`}>{hhmm(m)}</span>
            ))}
          </div>
          {columns.map(({ date, person }) => {
            const key = `${date}:${person.id}`;
            const mine = visible.filter((a) =>
              (a.staff_id ?? UNASSIGNED) === person.id &&
              localDate(new Date(a.starts_at), tz) === date
            );
            return (
              <div
                key={key}
                class={`cal-col${selected ? " selecting" : ""}${dropTarget === key ? " drop" : ""}`}
                style={`height:${height}px; background-size: 100% ${60 * PX_PER_MIN}px`}
                role="group"
                aria-label={`${person.name}, ${dayLabel(date, locale, true)}`}
                data-date={date}
                data-staff={person.id}
                onClick={(e) => onColumnClick(e, date, person.id)}
                onDragOver={(e) => {
                  if (person.id === UNASSIGNED) return;
                  e.preventDefault();
                  setDropTarget(key);
                }}
                onDragLeave={() => setDropTarget(null)}
                onDrop={(e) => {
                  e.preventDefault();
                  setDropTarget(null);
                  const id = e.dataTransfer?.getData("text/plain");
                  if (id && person.id !== UNASSIGNED) {
                    move(id, date, minutesAt(e, e.currentTarget as HTMLElement), person.id);
                  }
                }}
              >
                {mine.map((a) => {
                  const top = (minutesOf(a.starts_at, tz) - dayStart) * PX_PER_MIN;
                  const h = Math.max(
                    18,
                    (Date.parse(a.ends_at) - Date.parse(a.starts_at)) / 60_000 * PX_PER_MIN - 2,
                  );
                  const label = `${clock(a.starts_at, tz, locale)}–${
                    clock(a.ends_at, tz, locale)
                  } ${a.service_name}, ${a.customer_name}`;
                  return (
                    <a
                      key={a.id}
                      href={`/dashboard/calendar/${a.id}`}
                      class={`appt ${a.status}${selected === a.id ? " selected" : ""}`}
                      style={`top:${top}px; height:${h}px${
                        person.color ? `; border-left-color:${person.color}` : ""
                      }`}
                      draggable={hydrated}
                      aria-label={label}
                      aria-pressed={hydrated ? (selected === a.id ? "true" : "false") : undefined}
                      role={hydrated ? "button" : undefined}
                      data-appointment={a.id}
                      data-code={a.confirmation_code}
                      onDragStart={(e) => {
                        e.dataTransfer?.setData("text/plain", a.id);
                        setSelected(a.id);
                      }}
                      onClick={(e) => {
                        e.preventDefault();
                        e.stopPropagation();
                        setSelected(selected === a.id ? null : a.id);
                        setStatus(selected === a.id ? "" : s("cal.selected"));
                      }}
                    >
                      <strong>{clock(a.starts_at, tz, locale)} {a.service_name}</strong>
                      {a.customer_name}
                    </a>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
      {chosen && (
        <section class="panel appt-detail" aria-labelledby="appt-detail-title">
          <h2 id="appt-detail-title">
            {chosen.service_name} · {clock(chosen.starts_at, tz, locale)}
          </h2>
          <p>
            {chosen.customer_name} · {chosen.customer_phone} · {s("cal.code")}:{" "}
            <code>{chosen.confirmation_code}</code> ·{" "}
            {s(`appt.status.${chosen.status}` as MessageKey)}
          </p>
          <p class="hint">{s("cal.move_hint")}</p>
          <div class="form-actions">
            <a class="btn" href={`/dashboard/calendar/${chosen.id}`}>{s("cal.details")}</a>
            <button
              type="button"
              class="btn danger"
              disabled={busy}
              onClick={() => cancel(chosen.id)}
            >
              {s("cal.cancel")}
            </button>
            <button type="button" class="btn ghost" onClick={() => setSelected(null)}>
              {s("dash.cancel")}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
