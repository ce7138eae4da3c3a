/**
 * Weekly hours as a grid of time inputs (two or more ranges per weekday), for staff working hours
 * and business opening hours, and the mapping between the grid's fields and the API's lists.
 * @module
 */
import { Fragment } from "preact";
import { type MessageKey, t } from "../lib/i18n/mod.ts";
import { WEEKDAYS } from "../services/tenants/settings.ts";
import type { Locale } from "./format.ts";
import { type FormFields, type FormState, text } from "./page.ts";

/** Ranges shown per day at least. */
const MIN_SLOTS = 2;

/** A weekly range as the staff API has it (weekday 1 = Monday). */
export interface WorkingRange {
  weekday: number;
  start: string;
  end: string;
}

const field = (prefix: string, day: number, slot: number, part: "start" | "end") =>
  `${prefix}.${day}.${slot}.${part}`;

/** Grid values of a list of ranges. */
export function hoursValues(prefix: string, ranges: WorkingRange[]): Record<string, string> {
  const values: Record<string, string> = {};
  const used = new Map<number, number>();
  for (
    const r of [...ranges].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start))
  ) {
    const slot = used.get(r.weekday) ?? 0;
    used.set(r.weekday, slot + 1);
    values[field(prefix, r.weekday, slot, "start")] = r.start;
    values[field(prefix, r.weekday, slot, "end")] = r.end;
  }
  return values;
}

/**
 * The ranges typed in the grid, and where each list index came from, so that an API issue at
 * `working_hours.3.start` is shown at its input. A half-filled range is kept for the schema to
 * refuse.
 */
export function readHours(
  form: FormFields,
  prefix: string,
): { ranges: { weekday: number; start: string; end: string }[]; fieldOf: string[] } {
  const ranges: WorkingRange[] = [];
  const fieldOf: string[] = [];
  for (let day = 1; day <= 7; day++) {
    for (let slot = 0; slot < 8; slot++) {
      const start = text(form, field(prefix, day, slot, "start")) ?? "";
      const end = text(form, field(prefix, day, slot, "end")) ?? "";
      if (start === "" && end === "") continue;
      ranges.push({ weekday: day, start, end });
      fieldOf.push(`${prefix}.${day}.${slot}`);
    }
  }
  return { ranges, fieldOf };
}

/** Moves errors at `list.N.part` to the grid's field names. */
export function gridErrors(
  errors: Record<string, string>,
  list: string,
  fieldOf: string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const m = new RegExp(`^${list.replace(".", "\\.")}\\.(\\d+)(?:\\.(\\w+))?$`).exec(path);
    const base = m ? fieldOf[Number(m[1])] : undefined;
    if (base) out[m![2] ? `${base}.${m![2]}` : `${base}.end`] = message;
    else out[path] = message;
  }
  return out;
}

/** Business hours (`{mon: [{open, close}]}`) as grid ranges. */
export function businessToRanges(
  hours: Record<string, { open: string; close: string }[]>,
): WorkingRange[] {
  return WEEKDAYS.flatMap((d, i) =>
    (hours[d] ?? []).map((r) => ({ weekday: i + 1, start: r.open, end: r.close }))
  );
}

/** Grid ranges as business hours; list indexes per day are kept for errors. */
export function rangesToBusiness(
  ranges: WorkingRange[],
  fieldOf: string[],
): { hours: Record<string, { open: string; close: string }[]>; fieldOf: Record<string, string> } {
  const hours: Record<string, { open: string; close: string }[]> = Object.fromEntries(
    WEEKDAYS.map((d) => [d, []]),
  );
  const map: Record<string, string> = {};
  ranges.forEach((r, i) => {
    const day = WEEKDAYS[r.weekday - 1]!;
    map[`business_hours.${day}.${hours[day]!.length}`] = fieldOf[i]!;
    hours[day]!.push({ open: r.start, close: r.end });
  });
  return { hours, fieldOf: map };
}

/** The weekly grid. */
export function HoursGrid(
  { prefix, form, locale, legend, disabled }: {
    prefix: string;
    form: FormState;
    locale: Locale;
    legend: string;
    disabled?: boolean;
  },
) {
  const s = (k: MessageKey) => t(locale, k);
  const slotsOf = (day: number) => {
    let n = MIN_SLOTS;
    while (
      form.values[field(prefix, day, n, "start")] || form.values[field(prefix, day, n, "end")]
    ) n++;
    return n;
  };
  const value = (name: string) => {
    const v = form.values[name];
    return typeof v === "string" ? v : "";
  };
  return (
    <fieldset class={`hours${form.errors[prefix] ? " invalid" : ""}`} disabled={disabled}>
      <legend>{legend}</legend>
      <p class="hint">{s("hours.hint")}</p>
      {form.errors[prefix] && <p class="field-error" role="alert">{form.errors[prefix]}</p>}
      <div class="hours-grid" role="group">
        {[1, 2, 3, 4, 5, 6, 7].map((day) => {
          const dayName = s(`weekday.${day}` as MessageKey);
          return Array.from({ length: slotsOf(day) }, (_, slot) => {
            const base = `${prefix}.${day}.${slot}`;
            const error = form.errors[`${base}.start`] ?? form.errors[`${base}.end`] ??
              form.errors[base];
            const errId = `err-${base.replace(/\./g, "-")}`;
            return (
              <Fragment key={base}>
                {slot === 0 ? <span class="day">{dayName}</span> : <span class="day" />}
                <label class="sr-only" for={`f-${base}-start`}>
                  {`${dayName} ${slot + 1}. ${s("hours.from")}`}
                </label>
                <input
                  type="time"
                  id={`f-${base}-start`}
                  name={`${base}.start`}
                  value={value(`${base}.start`)}
                  aria-invalid={error ? "true" : undefined}
                  aria-describedby={error ? errId : undefined}
                />
                <label class="sr-only" for={`f-${base}-end`}>
                  {`${dayName} ${slot + 1}. ${s("hours.to")}`}
                </label>
                <input
                  type="time"
                  id={`f-${base}-end`}
                  name={`${base}.end`}
                  value={value(`${base}.end`)}
                  aria-invalid={error ? "true" : undefined}
                  aria-describedby={error ? errId : undefined}
                />
                <span class="second">
                  {error && <span class="field-error" id={errId}>{error}</span>}
                </span>
              </Fragment>
            );
          });
        })}
      </div>
    </fieldset>
  );
}
