/**
 * Who works when, from the staff's working hours in the business context: a note when a booking's
 * day is one its staff member (or everyone who performs its service) does not work, and answers to
 * "Murat bey hangi günler çalışıyor?", "Elif hanım cumartesi var mı?", "hangi doktor çarşamba
 * bakıyor?", "which dentist works on Saturday?"; and who the team is ("doktorlarınız kimler?",
 * "who is the barber?"), which needs no hours.
 * @module
 */
import type { BusinessContext } from "../model.ts";
import { WEEKDAYS } from "../../tenants/settings.ts";
import { isoWeekday } from "../../time.ts";
import { closedDayName, hoursOn, type Lang, WEEKDAY_NAMES, weekdayName } from "./format.ts";
import type { Turn } from "./turn.ts";
import type { Parsed } from "./understand.ts";

type Member = BusinessContext["staff"][number];

/** The hours a staff member works on a weekday (0 is Monday) the business is open. */
function shiftsOn(b: BusinessContext, m: Member, day: number): string[] {
  if (!b.hours[WEEKDAYS[day]!]?.length) return [];
  return m.hours?.[WEEKDAYS[day]!] ?? [];
}

/** The hours a staff member works on a date (none when off or the business is closed). */
function shiftsOnDate(b: BusinessContext, m: Member, date: string): string[] {
  return hoursOn(b, date) ? shiftsOn(b, m, isoWeekday(date) - 1) : [];
}

/** The weekdays (0 is Monday) a staff member works. */
function workDays(b: BusinessContext, m: Member): number[] {
  return WEEKDAYS.flatMap((_, i) => (shiftsOn(b, m, i).length ? [i] : []));
}

/** Weekday names of day numbers, in order. */
function dayNames(days: Iterable<number>, lang: Lang): string[] {
  return [...new Set(days)].sort((x, y) => x - y).map((d) => WEEKDAY_NAMES[lang][d]!);
}

/** A staff member's week as runs of days: "Çarşamba–Cuma 10:00–18:00, Cumartesi 09:00–13:00". */
function scheduleText(b: BusinessContext, m: Member, lang: Lang): string {
  const values = WEEKDAYS.map((_, i) => shiftsOn(b, m, i).join(", "));
  const runs: string[] = [];
  for (let i = 0; i < 7;) {
    let j = i;
    while (j + 1 < 7 && values[j + 1] === values[i]) j++;
    const names = WEEKDAY_NAMES[lang];
    if (values[i]) runs.push(`${i === j ? names[i] : `${names[i]}–${names[j]}`} ${values[i]}`);
    i = j + 1;
  }
  return runs.join(", ");
}

/** Staff members whose hours are known. */
function scheduled(b: BusinessContext): Member[] {
  return b.staff.filter((m) => m.hours !== undefined);
}

/**
 * Why nobody can take the booking on its date although the business is open: the staff member
 * asked for does not work that weekday, or no one who performs the service does. Null otherwise.
 */
export function offDayNote(t: Turn, date: string): string | null {
  const b = t.b;
  const booking = t.s.booking;
  if (!hoursOn(b, date)) return null;
  const weekday = weekdayName(date, t.lang);
  if (booking.staffId) {
    const m = b.staff.find((x) => x.id === booking.staffId);
    if (!m?.hours || shiftsOnDate(b, m, date).length > 0) return null;
    return t.t.staffOffDay(m.name, weekday, dayNames(workDays(b, m), t.lang));
  }
  const service = b.services.find((s) => s.id === booking.serviceId);
  const members = b.staff.filter((m) => service?.staff_ids?.includes(m.id));
  if (!service || members.length === 0 || members.some((m) => !m.hours)) return null;
  if (members.some((m) => shiftsOnDate(b, m, date).length > 0)) return null;
  return t.t.serviceOffDay(
    service.name,
    weekday,
    members.map((m) => m.name),
    dayNames(members.flatMap((m) => workDays(b, m)), t.lang),
  );
}

const SCHEDULE =
  /\b(calis\w*|bakiyor\w*|bakar mi\w*|hangi gun\w*|ne zaman\w*|gunleri|work\w*|which days|what days|when)\b/;
const PRESENT = /\b(var|burada\w*|gelir mi\w*|gelecek mi\w*|in on|there on|around on)\b/;
/** Words that ask for a free time, which the booking answers ("Mehmet beyden yarın randevu var mı"). */
const SLOT = /\b(randevu\w*|yer|yeriniz|bos|musait\w*|appointments?|book\w*|slots?|free)\b/;
const ROLE =
  /\b(doktor\w*|hekim\w*|disci\w*|usta\w*|berber\w*|kuafor\w*|uzman\w*|hoca\w*|personel\w*|calisan\w*|kim|kimler|doctors?|dentists?|stylists?|barbers?|hairdressers?|therapists?|staff|who)\b/;

const TEAM =
  "(doktor|hekim|disci|uzman|usta|berber|kuafor|calisan|personel|ekip|kadro|veteriner|terzi|terapist|fizyoterapist|estetisyen|staff|team|dentist|doctor|stylist|barber|hairdresser|therapist|specialist|vet|tailor|physio|beautician)";

/** "Doktorlarınız kimler?", "who is the dentist?": the team, by name. */
const TEAM_QUESTION = new RegExp(
  `\\b(kim|kimler|kimdir|who)\\b.{0,30}\\b${TEAM}|\\b${TEAM}\\w* (kim|kimler|kimdir|who)\\b`,
);
/** "Kaç kişi çalışıyor?", "kaç çalışanınız var?", "how many people work there?" */
const HOW_MANY =
  /\b(kac kisi\b.{0,20}\bcalis\w*|kac (calisan|personel)\w*|how many (people|staff|employees))/;

/** Whether a message asks who the team is, not who works when. */
function asksTeam(p: Parsed): boolean {
  if (p.staffId) return false;
  return HOW_MANY.test(p.folded) ||
    (TEAM_QUESTION.test(p.folded) && !SCHEDULE.test(p.folded));
}

/**
 * Whether a message asks who works when: a staff member named with a schedule word ("Murat bey
 * hangi günler çalışıyor?", "Elif hanım cumartesi var mı?"), or a role and a day ("hangi doktor
 * çarşamba bakıyor?"), or who the team is ("doktorlarınız kimler?"). Naming a service, or a day
 * while booking, is a booking instead.
 */
export function isStaffQuestion(t: Turn, p: Parsed): boolean {
  if (p.products.length > 0 || (t.s.flow === "booking" && p.date)) return false;
  const f = p.folded;
  if (SLOT.test(f)) return false;
  if (asksTeam(p) && !p.date && p.services.length === 0) return true;
  if (scheduled(t.b).length === 0 || p.services.length > 0) return false;
  if (p.staffId) {
    if (!t.b.staff.find((m) => m.id === p.staffId)?.hours) return false;
    return SCHEDULE.test(f) || (p.date !== undefined && PRESENT.test(f));
  }
  return ROLE.test(f) && (SCHEDULE.test(f) || (p.date !== undefined && PRESENT.test(f)));
}

/** Answers who works when from the staff's hours, or who the team is. */
export function answerStaffQuestion(t: Turn, p: Parsed): void {
  const b = t.b;
  if (asksTeam(p) && !p.date) {
    t.say(b.staff.length ? t.t.team(b.staff.map((x) => x.name)) : t.t.knowledgeMissing);
    return;
  }
  const m = b.staff.find((x) => x.id === p.staffId);
  if (p.date && !hoursOn(b, p.date)) {
    t.say(t.t.closedOn(closedDayName(b, p.date, t.lang)));
    return;
  }
  if (m && p.date) {
    const shifts = shiftsOnDate(b, m, p.date);
    t.say(
      shifts.length > 0
        ? t.t.staffWorksOn(m.name, t.day(p.date), shifts.join(", "))
        : t.t.staffOffDay(m.name, weekdayName(p.date, t.lang), dayNames(workDays(b, m), t.lang)),
    );
    return;
  }
  if (m) {
    t.say(t.t.staffSchedule(m.name, scheduleText(b, m, t.lang)));
    return;
  }
  if (p.date) {
    const date = p.date;
    const working = scheduled(b).flatMap((x) => {
      const shifts = shiftsOnDate(b, x, date);
      return shifts.length ? [`${x.name} (${shifts.join(", ")})`] : [];
    });
    t.say(
      working.length ? t.t.staffOnDay(t.day(date, true), working) : t.t.noStaffOnDay(t.day(date)),
    );
    return;
  }
  t.say(
    t.t.staffSchedules(scheduled(b).map((x) => `${x.name}: ${scheduleText(b, x, t.lang)}`)),
  );
}
