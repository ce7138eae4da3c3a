import assert from "node:assert/strict";
import {
  parseDate,
  parseDateTime,
  parseTime,
  parseTimeWindow,
} from "../../../services/bot/offline/nlu/datetime.ts";
import {
  addDays,
  isoWeekday,
  localDate,
  zonedParts,
  zonedTimeToInstant,
} from "../../../services/time.ts";

/** Wednesday 25 November 2026, 12:00 in Istanbul. */
const NOW = new Date("2026-11-25T09:00:00Z");
/** Friday 27 November 2026, 12:00 in Istanbul. */
const FRIDAY = new Date("2026-11-27T09:00:00Z");

function dateOf(text: string, now = NOW): string | null {
  return parseDate(text, now)?.date ?? null;
}

Deno.test("the reference instant is a Wednesday noon in Istanbul", () => {
  assert.deepEqual(zonedParts(NOW, "Europe/Istanbul"), {
    year: 2026,
    month: 11,
    day: 25,
    hour: 12,
    minute: 0,
    second: 0,
    weekday: 3,
  });
  assert.equal(localDate(NOW, "Europe/Istanbul"), "2026-11-25");
  assert.equal(isoWeekday("2026-11-25"), 3);
  assert.equal(isoWeekday("2026-11-29"), 7);
  assert.equal(addDays("2026-12-30", 3), "2027-01-02");
  assert.equal(addDays("2028-02-28", 1), "2028-02-29");
});

Deno.test("parseDate() reads Turkish relative days and weekdays", () => {
  const table: [string, string][] = [
    ["bugün", "2026-11-25"],
    ["BUGÜN gelebilir miyim", "2026-11-25"],
    ["yarın", "2026-11-26"],
    ["yarin", "2026-11-26"],
    ["yarına randevu", "2026-11-26"],
    ["öbür gün", "2026-11-27"],
    ["obur gun", "2026-11-27"],
    ["ertesi gün", "2026-11-27"],
    ["yarından sonra", "2026-11-27"],
    ["bu cuma", "2026-11-27"],
    ["cuma", "2026-11-27"],
    ["cumaya", "2026-11-27"],
    ["Cuma'ya", "2026-11-27"],
    ["CUMARTESİ", "2026-11-28"],
    ["pazar günü", "2026-11-29"],
    ["haftaya salı", "2026-12-01"],
    ["gelecek hafta salı", "2026-12-01"],
    ["önümüzdeki hafta perşembe", "2026-12-03"],
    ["önümüzdeki pazartesi", "2026-11-30"],
    ["onumuzdeki pazartesi", "2026-11-30"],
    ["pazartesi günü", "2026-11-30"],
    ["sali", "2026-12-01"],
    ["persembe", "2026-11-26"],
    ["çarşamba", "2026-12-02"],
    ["bu çarşamba", "2026-11-25"],
    ["bir sonraki salı", "2026-12-01"],
    ["haftaya bugün", "2026-12-02"],
    ["3 gün sonra", "2026-11-28"],
    ["üç gün sonra", "2026-11-28"],
    ["bir hafta sonra", "2026-12-02"],
    ["iki hafta sonra", "2026-12-09"],
    ["1 ay sonra", "2026-12-25"],
  ];
  for (const [text, date] of table) assert.equal(dateOf(text), date, text);
});

Deno.test("parseDate() reads calendar dates in Turkish and numeric forms", () => {
  const table: [string, string][] = [
    ["25 Kasım", "2026-11-25"],
    ["25 kasımda", "2026-11-25"],
    ["25 Kasım'da gelirim", "2026-11-25"],
    ["25 kasim", "2026-11-25"],
    ["25.11", "2026-11-25"],
    ["25/11", "2026-11-25"],
    ["25.11.2026", "2026-11-25"],
    ["25/11/26", "2026-11-25"],
    ["2026-11-25", "2026-11-25"],
    ["ayın 25'i", "2026-11-25"],
    ["ayın 28'inde", "2026-11-28"],
    ["3 Aralık 2026 Perşembe", "2026-12-03"],
    ["1 ocak", "2027-01-01"],
    ["14 şubat", "2027-02-14"],
  ];
  for (const [text, date] of table) assert.equal(dateOf(text), date, text);
});

Deno.test("parseDate() reads English dates", () => {
  const table: [string, string][] = [
    ["today", "2026-11-25"],
    ["tomorrow", "2026-11-26"],
    ["the day after tomorrow", "2026-11-27"],
    ["on Friday", "2026-11-27"],
    ["this Friday", "2026-11-27"],
    ["next Tuesday", "2026-12-01"],
    ["next Friday", "2026-12-04"],
    ["Tuesday next week", "2026-12-01"],
    ["Nov 25", "2026-11-25"],
    ["November 25th, 2027", "2027-11-25"],
    ["25 November", "2026-11-25"],
    ["the 25th of November", "2026-11-25"],
    ["on the 3rd", "2026-12-03"],
    ["in 3 days", "2026-11-28"],
    ["in a week", "2026-12-02"],
  ];
  for (const [text, date] of table) assert.equal(dateOf(text), date, text);
});

Deno.test("parseDate() applies the documented rules to ambiguous dates", () => {
  assert.equal(dateOf("cuma", FRIDAY), "2026-12-04", "a bare weekday on that day is next week's");
  assert.equal(dateOf("bu cuma", FRIDAY), "2026-11-27", "'bu' on that day is today");
  assert.equal(dateOf("bugün cuma", FRIDAY), "2026-11-27");
  assert.equal(dateOf("20 kasım"), "2027-11-20", "a past day without a year is next year's");
  assert.equal(dateOf("20.11.2026"), "2026-11-20", "an explicit year is kept");
  assert.equal(dateOf("ayın 20'si"), "2026-12-20", "a past day of the month is next month's");
  assert.equal(dateOf("ayın 31'i"), "2026-12-31", "November has no 31st");
  assert.equal(dateOf("10.11"), "2027-11-10", "a day.month with a month number is a date");
  assert.equal(dateOf("saat 10.11"), null, "after 'saat' it is a time");
  assert.equal(dateOf("14.30"), null);
  assert.equal(dateOf("29 şubat"), null, "2027 has no 29 February");
  assert.equal(dateOf("31.04.2027"), null);
});

Deno.test("parseDate() never invents a date", () => {
  const none = ["merhaba", "haftaya", "hafta sonu", "saat 14", "3 adet krem", "0532 123 45 67", ""];
  for (const text of none) assert.equal(parseDate(text, NOW), null, text);
  assert.deepEqual(parseDate("Yarın saat 3'te", NOW), { date: "2026-11-26", matched: "yarın" });
  assert.equal(parseDate("gelecek hafta salı", NOW)?.matched, "gelecek hafta salı");
});

Deno.test("parseDate() reads longer date words through a typo, not near words", () => {
  assert.equal(dateOf("yarn öğleden sonra"), "2026-11-26");
  assert.equal(dateOf("bugn gelebilir miyim"), "2026-11-25");
  assert.equal(dateOf("persenbe olur mu"), "2026-11-26");
  assert.equal(dateOf("cumrtesi"), "2026-11-28");
  assert.equal(dateOf("3 aralk"), "2026-12-03");
  assert.equal(parseTime("oglden sonra 2")?.time, "14:00");
  assert.equal(parseTime("aksm 6")?.time, "18:00");
  for (
    const text of ["yakın zamanda", "yarım saat", "yarı yarıya", "kaşın şekli", "aralık var mı"]
  ) {
    assert.equal(dateOf(text), null, text);
  }
});

Deno.test("parseDate() uses the local date of the time zone", () => {
  const lateEvening = new Date("2026-11-25T22:30:00Z");
  assert.equal(parseDate("bugün", lateEvening)?.date, "2026-11-26");
  assert.equal(parseDate("bugün", lateEvening, "UTC")?.date, "2026-11-25");
  assert.equal(parseDate("yarın", lateEvening, "America/New_York")?.date, "2026-11-26");
});

Deno.test("parseTime() reads Turkish clock times and hours", () => {
  const table: [string, string][] = [
    ["saat 3'te", "15:00"],
    ["3'te", "15:00"],
    ["3te gelirim", "15:00"],
    ["15:00", "15:00"],
    ["14:30'da", "14:30"],
    ["14.30", "14:30"],
    ["saat 14", "14:00"],
    ["saat 09:00", "09:00"],
    ["10'da", "10:00"],
    ["7'de", "19:00"],
    ["8'de", "08:00"],
    ["12'de", "12:00"],
    ["5'e randevu", "17:00"],
    ["3 buçukta", "15:30"],
    ["iki buçukta", "14:30"],
    ["saat üçte", "15:00"],
    ["saat ucte", "15:00"],
    ["dörtte", "16:00"],
    ["on ikide", "12:00"],
    ["saat on bir", "11:00"],
    ["üçü çeyrek geçe", "15:15"],
    ["3'e çeyrek var", "14:45"],
    ["saat 10.11", "10:11"],
  ];
  for (const [text, time] of table) assert.equal(parseTime(text)?.time, time, text);
});

Deno.test("parseTime() applies the part of the day", () => {
  const table: [string, string, string][] = [
    ["öğleden sonra 3", "15:00", "afternoon"],
    ["ogleden sonra 3", "15:00", "afternoon"],
    ["sabah 10", "10:00", "morning"],
    ["sabah 7", "07:00", "morning"],
    ["akşam 6", "18:00", "evening"],
    ["akşam 7:30", "19:30", "evening"],
    ["öğlen", "12:00", "noon"],
    ["öğlen 1", "13:00", "noon"],
    ["gece 9", "21:00", "night"],
    ["gece 12", "00:00", "night"],
    ["3'te öğleden sonra", "15:00", "afternoon"],
    ["around 6 in the evening", "18:00", "evening"],
    ["at noon", "12:00", "noon"],
    ["midnight", "00:00", "night"],
  ];
  for (const [text, time, part] of table) {
    const t = parseTime(text);
    assert.equal(t?.time, time, text);
    assert.equal(t?.partOfDay, part, text);
  }
});

Deno.test("parseTime() reads English times", () => {
  const table: [string, string][] = [
    ["at 3pm", "15:00"],
    ["3 pm", "15:00"],
    ["3:30 pm", "15:30"],
    ["3:30pm", "15:30"],
    ["at 10am", "10:00"],
    ["12am", "00:00"],
    ["12 pm", "12:00"],
    ["15:00", "15:00"],
    ["at 3", "15:00"],
    ["at three", "15:00"],
    ["five o'clock", "17:00"],
    ["half past 3", "15:30"],
    ["quarter to 4", "15:45"],
  ];
  for (const [text, time] of table) assert.equal(parseTime(text)?.time, time, text);
});

Deno.test("parseTime() marks hedged times approximate", () => {
  const hedged = ["akşam 6 gibi", "saat 5 civarı", "3 gibi", "around 6", "about 4pm", "6ish"];
  for (const text of hedged) assert.equal(parseTime(text)?.approximate, true, text);
  assert.deepEqual(parseTime("akşam 6 gibi"), {
    time: "18:00",
    approximate: true,
    partOfDay: "evening",
    matched: "akşam 6 gibi",
  });
  assert.equal(parseTime("saat 5")?.approximate, false);
});

Deno.test("parseTime() does not take quantities, dates, durations or phones for times", () => {
  const none = [
    "3 adet",
    "2 kişi",
    "25.11",
    "3 gün sonra",
    "0532 123 45 67",
    "ayın 10'unda",
    "birde şampuan",
    "onda var mı",
    "merhaba",
    "in the afternoon",
  ];
  for (const text of none) assert.equal(parseTime(text), null, text);
});

Deno.test("parseTime() reads an hour whose case ending is written apart", () => {
  assert.equal(parseTime("12 de olur mu")?.time, "12:00");
  assert.equal(parseTime("istiyorum, 2 de uygun mu")?.time, "14:00");
  assert.equal(parseTime("pardon 4 e alalım")?.time, "16:00");
  assert.equal(parseTime("3 te gelirim")?.time, "15:00");
  assert.equal(parseTime("10 da")?.time, "10:00");
  for (
    const text of ["1 sakal yağı 1 de tarak", "2 de şampuan istiyorum", "2 de olsun", "3 a day"]
  ) {
    assert.equal(parseTime(text), null, text);
  }
});

Deno.test("parseTimeWindow() turns parts of the day without an hour into windows", () => {
  const table: [string, string, string, string][] = [
    ["öğleden sonra", "12:00", "18:00", "afternoon"],
    ["yarın sabah", "09:00", "12:00", "morning"],
    ["akşam", "17:00", "21:00", "evening"],
    ["akşamüstü", "16:00", "19:00", "afternoon"],
    ["öğleden önce", "09:00", "12:00", "morning"],
    ["gece", "21:00", "24:00", "night"],
    ["öğlen", "12:00", "14:00", "noon"],
    ["in the afternoon", "12:00", "18:00", "afternoon"],
    ["this evening", "17:00", "21:00", "evening"],
  ];
  for (const [text, start, end, part] of table) {
    const w = parseTimeWindow(text);
    assert.equal(w?.start, start, text);
    assert.equal(w?.end, end, text);
    assert.equal(w?.partOfDay, part, text);
  }
  assert.equal(parseTimeWindow("öğleden sonra 3"), null, "an hour is named");
  assert.equal(parseTimeWindow("yarın 14:00"), null);
  assert.equal(parseTimeWindow("midnight"), null);
});

Deno.test("parseDateTime() combines date, time and the instant", () => {
  const a = parseDateTime("yarın öğleden sonra 3", NOW)!;
  assert.equal(a.date, "2026-11-26");
  assert.equal(a.time, "15:00");
  assert.equal(a.partOfDay, "afternoon");
  assert.equal(a.instant?.toISOString(), "2026-11-26T12:00:00.000Z");
  assert.equal(a.matched, "yarın öğleden sonra 3");

  const b = parseDateTime("cuma 14:30 uygun mu?", NOW)!;
  assert.equal(b.date, "2026-11-27");
  assert.equal(b.time, "14:30");
  assert.equal(b.instant?.toISOString(), "2026-11-27T11:30:00.000Z");

  const c = parseDateTime("haftaya salı akşam 6 gibi", NOW)!;
  assert.equal(c.date, "2026-12-01");
  assert.equal(c.time, "18:00");
  assert.equal(c.approximate, true);

  const d = parseDateTime("bu akşam", NOW)!;
  assert.equal(d.date, "2026-11-25");
  assert.equal(d.time, undefined);
  assert.deepEqual(d.window, { start: "17:00", end: "21:00" });
  assert.equal(d.instant, undefined);

  const e = parseDateTime("next Friday at 10am", NOW)!;
  assert.equal(e.instant?.toISOString(), "2026-12-04T07:00:00.000Z");

  const f = parseDateTime("saat 3'te", NOW)!;
  assert.equal(f.date, undefined);
  assert.equal(f.time, "15:00");
  assert.equal(f.instant, undefined);

  assert.equal(parseDateTime("merhaba nasılsınız", NOW), null);
});

Deno.test("parseDateTime() reads times relative to now", () => {
  const half = parseDateTime("yarım saat sonra", NOW)!;
  assert.equal(half.time, "12:30");
  assert.equal(half.instant?.toISOString(), "2026-11-25T09:30:00.000Z");
  assert.equal(parseDateTime("2 saat sonra", NOW)?.time, "14:00");
  assert.equal(parseDateTime("45 dakika sonra", NOW)?.time, "12:45");
  assert.equal(parseDateTime("in an hour", NOW)?.time, "13:00");
  assert.equal(parseDateTime("in 30 minutes", NOW)?.time, "12:30");
});

Deno.test("zonedTimeToInstant() converts wall time across DST changes", () => {
  const table: [string, string, string, string][] = [
    ["2026-11-25", "12:00", "Europe/Istanbul", "2026-11-25T09:00:00.000Z"],
    ["2026-07-01", "10:00", "Europe/Berlin", "2026-07-01T08:00:00.000Z"],
    ["2026-01-15", "10:00", "Europe/Berlin", "2026-01-15T09:00:00.000Z"],
    ["2026-03-08", "02:30", "America/New_York", "2026-03-08T07:30:00.000Z"],
    ["2026-11-01", "01:30", "America/New_York", "2026-11-01T05:30:00.000Z"],
    ["2026-03-29", "02:30", "Europe/Berlin", "2026-03-29T01:30:00.000Z"],
    ["2026-10-25", "02:30", "Europe/Berlin", "2026-10-25T00:30:00.000Z"],
    ["2026-06-01", "09:00", "UTC", "2026-06-01T09:00:00.000Z"],
  ];
  for (const [date, time, zone, iso] of table) {
    assert.equal(zonedTimeToInstant(date, time, zone).toISOString(), iso, `${date} ${zone}`);
  }
  assert.throws(() => zonedTimeToInstant("25.11.2026", "12:00", "UTC"), RangeError);
  const dst = parseDateTime("yarın 10:00", new Date("2026-03-07T15:00:00Z"), "America/New_York");
  assert.equal(dst?.instant?.toISOString(), "2026-03-08T14:00:00.000Z");
});

Deno.test("parseDate() reads English chat spellings and 'from now'", () => {
  const table: [string, string | null][] = [
    ["haircut tmrw at 3", "2026-11-26"],
    ["2morrow pls", "2026-11-26"],
    ["day after tmrw", "2026-11-27"],
    ["this arvo", "2026-11-25"],
    ["fri at 5", "2026-11-27"],
    ["thurs morning", "2026-11-26"],
    ["2 days from now", "2026-11-27"],
    ["a week from today", "2026-12-02"],
    ["sun cream please", null],
    ["2 days", null],
  ];
  for (const [text, date] of table) assert.equal(dateOf(text), date, text);
  assert.equal(parseTimeWindow("this arvo")?.partOfDay, "afternoon");
  assert.equal(parseTime("tmrw at half 3")?.time, "15:30");
  assert.equal(parseTime("half 3 then")?.time, "15:30");
  assert.equal(parseTime("half 2 kilos of honey"), null);
});
