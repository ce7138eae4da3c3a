import assert from "node:assert/strict";
import { catalogOf, staffAliases } from "../../services/bot/offline/catalog.ts";
import { understand } from "../../services/bot/offline/understand.ts";
import { NOW, Simulator } from "./_offline_sim.ts";
import { BARBER, bookingScript, CLINIC, OTHER_ID } from "./_other_businesses.ts";

const clinic = catalogOf(CLINIC);
const barber = catalogOf(BARBER);
const read = (text: string, business = CLINIC) =>
  understand(text, business === CLINIC ? clinic : barber, {
    now: NOW,
    timeZone: "Europe/Istanbul",
    lang: "tr",
  });

/** A conversation with the business, its booking tools answered from the staff's hours. */
function chat(business = CLINIC, locale: "tr" | "en" = "tr") {
  const sim = new Simulator({ business, locale });
  const script = bookingScript(business);
  return (text: string) => sim.say(text, script);
}

Deno.test("staffAliases() skips titles: 'Dr. Dt. Murat Şahin' is 'Murat Şahin' and 'Murat'", () => {
  assert.deepEqual(staffAliases("Dr. Dt. Murat Şahin"), ["Murat Şahin", "Murat"]);
  assert.deepEqual(staffAliases("Uzm. Psk. Ayşe Kaya"), ["Ayşe Kaya", "Ayşe"]);
  assert.deepEqual(staffAliases("Ali Korkmaz"), ["Ali"]);
  assert.deepEqual(staffAliases("Dr."), []);
  assert.deepEqual(staffAliases("Vet. Ali Kaya"), ["Ali Kaya", "Ali"]);
  assert.deepEqual(staffAliases("Mr. John Smith"), ["John Smith", "John"]);
  assert.deepEqual(staffAliases("Doç. Dr. Ayşe Kaya"), ["Ayşe Kaya", "Ayşe"]);
});

Deno.test("understand() names staff by first name, full name and honorific, never by a title", () => {
  const murat = [
    "Murat Bey ile perşembe dolgu",
    "Murat beyle",
    "Murat Şahin perşembe dolgu",
    "murat hocaya randevu",
    "Murat Şahin'den randevu",
  ];
  for (const text of murat) assert.equal(read(text).staffId, OTHER_ID.murat, text);
  const elif = [
    "Dr. Elif pazartesi dolgu",
    "Elif hanımla perşembe",
    "Elif Hanım'a dolgu",
    "elif hanim ile",
    "elif doktor pazartesi",
  ];
  for (const text of elif) assert.equal(read(text).staffId, OTHER_ID.elif, text);
  assert.equal(read("Dr. pazartesi dolgu").staffId, undefined);
  assert.equal(read("Ali usta yarın", BARBER).staffId, OTHER_ID.ali);
  // A customer who shares a dentist's first name is a customer.
  const customer = read("Adım Elif Yılmaz");
  assert.equal(customer.name, "Elif Yılmaz");
  assert.equal(customer.staffId, undefined);
});

Deno.test("offline booking: 'Dr. Elif pazartesi dolgu' looks at Elif's calendar", async () => {
  const say = chat();
  const reply = await say("Dr. Elif pazartesi dolgu");
  assert.equal(reply.calls[0]?.args.staff_id, OTHER_ID.elif);
  assert.match(reply.text, /Dt\. Elif Aydın ile boş saatler/);
});

Deno.test("offline booking: the summary names the staff member the time was held with", async () => {
  const say = chat(BARBER);
  await say("cuma 11 saç kesimi");
  const summary = await say("Kemal Ak 0532 111 22 33");
  assert.match(summary.text, /Saç Kesimi, 27 Kasım Cuma 11:00, Ali Korkmaz ile\./);
});

Deno.test("offline booking: a staff member off that weekday is said, with the days they work", async () => {
  const say = chat();
  const reply = await say("Elif hanımla perşembe dolgu");
  assert.match(
    reply.text,
    /Dt\. Elif Aydın Perşembe günleri çalışmıyor; çalıştığı günler: Pazartesi, Salı ve Cumartesi\./,
  );
  assert.match(reply.text, /En yakın boş gün 28 Kasım Cumartesi/);
  assert.doesNotMatch(reply.text, /boş yerimiz yok/);
});

Deno.test("offline booking: a service nobody does that weekday says who does it and when", async () => {
  const say = chat();
  const reply = await say("haftaya salı kanal tedavisi");
  assert.match(
    reply.text,
    /Salı günleri Kanal Tedavisi yapılmıyor; bu hizmeti Dr\. Dt\. Murat Şahin veriyor \(Çarşamba, Perşembe ve Cuma günleri\)\./,
  );
  assert.match(reply.text, /En yakın boş gün 2 Aralık Çarşamba/);
});

Deno.test("offline assistant: answers which staff member works when", async () => {
  const cases: [string, RegExp, typeof CLINIC][] = [
    [
      "Murat bey hangi günler çalışıyor?",
      /Dr\. Dt\. Murat Şahin çalışma saatleri: Çarşamba–Cuma 10:00–18:00\./,
      CLINIC,
    ],
    ["Elif hanım cumartesi var mı", /Evet, Dt\. Elif Aydın 28 Kasım Cumartesi 09:00–13:00/, CLINIC],
    ["Elif hanım çarşamba var mı", /Dt\. Elif Aydın Çarşamba günleri çalışmıyor/, CLINIC],
    [
      "hangi doktor çarşamba bakıyor",
      /25 Kasım Çarşamba çalışanlarımız: Dr\. Dt\. Murat Şahin \(10:00–18:00\)/,
      CLINIC,
    ],
    [
      "doktorlar hangi günler çalışıyor",
      /Dt\. Elif Aydın: Pazartesi–Salı 09:00–13:00, Cumartesi 09:00–13:00; Dr\. Dt\. Murat Şahin: Çarşamba–Cuma/,
      CLINIC,
    ],
    ["Ali usta yarın var mı", /Evet, Ali Korkmaz yarın \(24 Kasım Salı\) 09:00–21:00/, BARBER],
    ["Ali usta pazartesi var mı", /Pazartesi günü kapalıyız/, BARBER],
  ];
  for (const [text, expected, business] of cases) {
    const reply = await chat(business)(text);
    assert.equal(reply.calls.length, 0, text);
    assert.match(reply.text, expected, text);
  }
  const today = await chat(CLINIC)("bugün kim var?");
  assert.match(today.text, /Bugün \(23 Kasım Pazartesi\) çalışanlarımız: Dt\. Elif Aydın/);
  // Asking for a free time with someone is a booking.
  const slot = await chat(CLINIC)("Elif hanım perşembe yer var mı");
  assert.match(slot.text, /Hangi hizmet için randevu/);
  const english = await chat(CLINIC, "en")("which dentist works on Saturday");
  assert.match(english.text, /Working on Saturday 28 November: Dt\. Elif Aydın \(09:00–13:00\)/);
});

Deno.test("offline assistant: who the team is comes with the other questions of the message", async () => {
  const team = await chat(CLINIC)("doktorlarınız kimler");
  assert.equal(team.calls.length, 0);
  assert.equal(team.text, "Ekibimiz: Dt. Elif Aydın ve Dr. Dt. Murat Şahin.");
  const address = await chat(CLINIC)("adresiniz nerede, doktorlarınız kimler?");
  assert.match(address.text, /Ekibimiz: Dt\. Elif Aydın ve Dr\. Dt\. Murat Şahin\./);
  assert.match(address.text, /Adresimiz: /);
  // The price question's other words are searched for a price case first; nothing is found.
  const script = bookingScript(BARBER);
  const price = await new Simulator({ business: BARBER }).say(
    "saç kesimi ne kadar, berberiniz kim?",
    (call) => call.name === "search_knowledge" ? { result: { results: [] } } : script(call),
  );
  assert.match(price.text, /Ekibimiz: Ali Korkmaz\./);
  assert.match(price.text, /Saç Kesimi ücreti 300,00 ₺/);
});

Deno.test("offline booking: two services one offering combines are booked as that offering", async () => {
  const say = chat(BARBER);
  const reply = await say("saç kesimi ve sakal tıraşı ikisi birden yarın 14:00");
  assert.ok(reply.calls.every((c) => c.args.service_id === OTHER_ID.cutAndBeard));
  assert.match(reply.text, /Saç \+ Sakal/);
  assert.doesNotMatch(reply.text, /tek tek/);
});

Deno.test("offline booking: 'tamam' after a held time asks for the details again, kindly", async () => {
  const say = chat(BARBER);
  await say("cuma 11 saç kesimi");
  const ok = await say("tamam");
  assert.doesNotMatch(ok.text, /anlayamadım/);
  assert.match(ok.text, /adınızı ve telefon numaranızı/);
});

Deno.test("understand() picks the offering a word means: sakal, tıraş for a child, traş", () => {
  assert.deepEqual(read("oğlumu tıraş ettirmek istiyorum", BARBER).services, [OTHER_ID.kidsCut]);
  assert.deepEqual(read("kızım için traş", BARBER).services, [OTHER_ID.kidsCut]);
  assert.deepEqual(read("sakal kestirmek istiyorum cuma", BARBER).services, [OTHER_ID.beard]);
  assert.deepEqual(read("sakal traş", BARBER).services, [OTHER_ID.beard]);
  assert.deepEqual(read("sakal ne kadar", BARBER).services, [OTHER_ID.beard]);
  assert.deepEqual(read("saç kestirmek istiyorum", BARBER).services, [OTHER_ID.cut]);
  // Without a child or another word, "traş" could be either.
  assert.deepEqual(read("traş olmak istiyorum", BARBER).ambiguous.sort(), [
    OTHER_ID.beard,
    OTHER_ID.kidsCut,
  ]);
});

Deno.test("offline assistant: 'sakal ne kadar' after a haircut question is about the beard", async () => {
  const say = chat(BARBER);
  await say("saç kesimi ne kadar");
  const beard = await say("sakal ne kadar");
  assert.deepEqual(beard.calls.map((c) => c.args.service_id), [OTHER_ID.beard]);
  assert.match(beard.text, /Sakal Tıraşı ücreti 200,00 ₺/);
});
