/**
 * The parts of the booking and moving forms about when: the date and time fields, and the free
 * slots offered after a refused booking (each a submit button posting `slot=<date>T<time>`).
 * @module
 */
import { t } from "../lib/i18n/mod.ts";
import type { Slot } from "../services/appointments/slots.ts";
import { Field } from "./Fields.tsx";
import { dayLabel, type Locale } from "./format.ts";
import type { FormState } from "./page.ts";

/** The date and time fields (quarter-hour steps). */
export function SlotFields({ form, locale }: { form: FormState; locale: Locale }) {
  return (
    <>
      <Field label={t(locale, "cal.date")} name="date" type="date" required form={form} />
      <Field
        label={t(locale, "cal.time")}
        name="time"
        type="time"
        step={900}
        required
        form={form}
      />
    </>
  );
}

/** The next free slots as buttons, or nothing when there are none. */
export function NextSlots({ slots, locale }: { slots: Slot[]; locale: Locale }) {
  if (slots.length === 0) return null;
  return (
    <div class="next-slots">
      <p>{t(locale, "cal.next_free")}:</p>
      {slots.map((slot) => (
        <button
          key={slot.start}
          type="submit"
          name="slot"
          value={`${slot.date}T${slot.time}`}
          class="btn small"
        >
          {dayLabel(slot.date, locale)} {slot.time}
        </button>
      ))}
    </div>
  );
}
