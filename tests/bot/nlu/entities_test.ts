import assert from "node:assert/strict";
import {
  detectLanguage,
  extractAddress,
  extractConfirmationCode,
  extractEmail,
  extractName,
  extractPhone,
  extractQuantity,
  isAffirmative,
  isNegative,
} from "../../../services/bot/offline/nlu/entities.ts";
import { readNumber } from "../../../services/bot/offline/nlu/numbers.ts";
import { tokens } from "../../../services/bot/offline/nlu/text.ts";

Deno.test("extractPhone() finds Turkish spellings and returns E.164", () => {
  const table: [string, string | null][] = [
    ["0532 123 45 67", "+905321234567"],
    ["numaram 5321234567", "+905321234567"],
    ["+90 532 123 4567 arayın", "+905321234567"],
    ["0 (532) 123-45-67", "+905321234567"],
    ["tel: 0532-123-45-67, yarın 14:00", "+905321234567"],
    ["0532 123 45 67 14", "+905321234567"],
    ["0216 555 12 34", "+902165551234"],
    ["+44 20 7946 0958", "+442079460958"],
    ["25.11.2026", null],
    ["3 adet, 12345", null],
    ["merhaba", null],
  ];
  for (const [text, phone] of table) assert.equal(extractPhone(text), phone, text);
});

Deno.test("extractEmail() finds an address and lower-cases it", () => {
  assert.equal(extractEmail("mail: Ahmet.Yilmaz@Example.COM."), "ahmet.yilmaz@example.com");
  assert.equal(extractEmail("ayse+salon@posta.com.tr adresime"), "ayse+salon@posta.com.tr");
  assert.equal(extractEmail("e-postam yok"), null);
  assert.equal(extractEmail("@kuaforisil instagram"), null);
});

Deno.test("extractName() reads names from the usual phrasings", () => {
  const table: [string, string][] = [
    ["adım Ahmet Yılmaz", "Ahmet Yılmaz"],
    ["Adım ışıl", "Işıl"],
    ["ben Ayşe Demir", "Ayşe Demir"],
    ["ismim ilker kaya, yarın gelirim", "İlker Kaya"],
    ["benim adım Zeynep'tir", "Zeynep"],
    ["Adım Ahmet Yılmaz'dır", "Ahmet Yılmaz"],
    ["Ahmet Yılmaz adına randevu", "Ahmet Yılmaz"],
    ["yarın için Elif Şahin adına", "Elif Şahin"],
    ["my name is John Smith", "John Smith"],
    ["my name is isabel", "Isabel"],
    ["I'm Sarah", "Sarah"],
    ["Mehmet Kaya", "Mehmet Kaya"],
    ["mehmet kaya", "Mehmet Kaya"],
    ["AHMET YILMAZ", "Ahmet Yılmaz"],
    ["ılgaz irem", "Ilgaz İrem"],
    ["Ilgaz Irmak", "Ilgaz Irmak"],
  ];
  for (const [text, name] of table) assert.equal(extractName(text), name, text);
});

Deno.test("extractName() ends a name where a label of another detail starts", () => {
  const table: [string, string][] = [
    ["adim Elif Sahin telefonum ", "Elif Sahin"],
    ["adim burak celik tel ", "Burak Celik"],
    ["ad soyad Burak Celik tel ", "Burak Celik"],
    ["Adım Ayşe Kaya numaram ", "Ayşe Kaya"],
    ["adım Ali Veli ve numaram", "Ali Veli"],
    ["ismim Deniz Ak cep ", "Deniz Ak"],
    ["my name is John Smith phone ", "John Smith"],
    ["my name is Sara Lee and my number is ", "Sara Lee"],
    ["Ali Veli tel ", "Ali Veli"],
  ];
  for (const [text, name] of table) assert.equal(extractName(text), name, text);
  assert.equal(extractName("ali veli, tel ", { expected: true }), "Ali Veli");
  assert.equal(extractName("Tom Baker - ", { expected: true }), "Tom Baker");
  assert.equal(extractName("Elif Şahin / ", { expected: true }), "Elif Şahin");
  assert.equal(extractName("adım mehmet soyadım demir"), "Mehmet Demir");
  for (const label of ["tel", "Tel", "telefon", "numaram", "adres", "phone", "e-posta"]) {
    assert.equal(extractName(label, { expected: true }), null, label);
  }
});

Deno.test("extractName() reads labelled names: 'isim:', 'ad soyad:', 'name:', \"name's\"", () => {
  const table: [string, string][] = [
    ["isim: Selin Acar", "Selin Acar"],
    ["İsim: selin acar", "Selin Acar"],
    ["Ad Soyad: Burak Çelik", "Burak Çelik"],
    ["Ad-Soyad: Ayşe Kaya", "Ayşe Kaya"],
    ["ad: Mehmet Kaya", "Mehmet Kaya"],
    ["isim soyisim: Can Er", "Can Er"],
    ["name: Oliver Grant", "Oliver Grant"],
    ["Name's Oliver Grant", "Oliver Grant"],
    ["full name: Hannah Cole", "Hannah Cole"],
    ["this is Sara", "Sara"],
  ];
  for (const [text, name] of table) assert.equal(extractName(text), name, text);
});

Deno.test("extractName() takes a name that is also an everyday word after a cue", () => {
  assert.equal(extractName("adım Can Er"), "Can Er");
  assert.equal(extractName("ismim Can Demir, yarın gelirim"), "Can Demir");
  assert.equal(extractName("I'm Looking for a haircut"), null);
});

Deno.test("extractName() takes a single bare word only when a name is expected", () => {
  assert.equal(extractName("Mehmet"), null);
  assert.equal(extractName("Mehmet", { expected: true }), "Mehmet");
  assert.equal(extractName("İLKER", { expected: true }), "İlker");
  assert.equal(extractName("evet", { expected: true }), null);
});

Deno.test("extractName() does not take ordinary messages for names", () => {
  const none = [
    "yarın gelirim",
    "saç kesimi",
    "ben de yarın gelmek istiyorum",
    "ben yarın geliyorum",
    "I am looking for a haircut",
    "teşekkür ederim",
    "iyi akşamlar",
    "randevu almak istiyorum",
    "cuma olur",
    "gelmek istemek",
  ];
  for (const text of none) assert.equal(extractName(text), null, text);
});

Deno.test("readNumber() reads digits and Turkish and English number words", () => {
  const table: [string, number, number, string][] = [
    ["iki tane", 2, 1, ""],
    ["on ikide", 12, 2, "de"],
    ["yirmi beş", 25, 2, ""],
    ["üç yüz elli", 350, 3, ""],
    ["üçünü", 3, 1, "unu"],
    ["dörde", 4, 1, "e"],
    ["3'te", 3, 1, "te"],
    ["twenty five", 25, 2, ""],
    ["a dozen", 12, 2, ""],
    ["a couple", 2, 2, ""],
    ["one", 1, 1, ""],
    ["on", 10, 1, ""],
  ];
  for (const [text, value, length, suffix] of table) {
    const n = readNumber(tokens(text, { fold: true }), 0);
    assert.deepEqual([n?.value, n?.length, n?.suffix], [value, length, suffix], text);
  }
  assert.equal(readNumber(tokens("onay", { fold: true }), 0), null);
  assert.equal(readNumber(tokens("14:30", { fold: true }), 0), null);
});

Deno.test("extractQuantity() reads digits and number words, not dates, times or prices", () => {
  const table: [string, number | null][] = [
    ["iki tane", 2],
    ["3 adet", 3],
    ["bir kutu", 1],
    ["üç", 3],
    ["two", 2],
    ["2 krem", 2],
    ["x2", 2],
    ["3x", 3],
    ["a dozen", 12],
    ["yirmi beş adet", 25],
    ["ikisini de alayım", 2],
    ["25 kasımda 2 kutu", 2],
    ["saat 3'te 2 kişi", 2],
    ["bir", 1],
    ["two bottles please", 2],
    ["one", 1],
    ["Bahariye Cad. No 8 Daire 5 kat 3", null],
    ["bir randevu almak istiyorum", null],
    ["tamam onu alayim", null],
    ["onu istemiyorum", null],
    ["pardon 2 degil 3 olsun", 3],
    ["iki değil üç tane", 3],
    ["yok iki tane degil de bir tane olsun", 1],
    ["make it 3 instead of 2", 3],
    ["not 2 but 3", 3],
    ["2 şişe", 2],
    ["Güneş Kremi SPF 50", null],
    ["SPF 50 den 2 tane", 2],
    ["50 ml", null],
    ["250 gr'lık maske", null],
    ["saat 3'te", null],
    ["150 TL", null],
    ["0532 123 45 67", null],
    ["on Friday", null],
    ["3 gün sonra", null],
    ["14:30", null],
    ["merhaba", null],
  ];
  for (const [text, qty] of table) assert.equal(extractQuantity(text), qty, text);
});

Deno.test("extractConfirmationCode() reads 6-character codes without look-alike letters", () => {
  const table: [string, string | null][] = [
    ["kodum ab3k9z", "AB3K9Z"],
    ["AB3K9Z", "AB3K9Z"],
    ["onay kodu: hx7p2q lütfen", "HX7P2Q"],
    ["#HXKPTR", "HXKPTR"],
    ["kod: qwerty", "QWERTY"],
    ["kod 234567", "234567"],
    ["code ZZ22AA", "ZZ22AA"],
    ["saatte", null],
    ["kesimi", null],
    ["234567", null],
    ["ABC12I", null],
    ["AB0K9Z", null],
    ["TAMAM SAATTE GELİRİM", null],
    ["sipariş vermek istiyorum", null],
    ["randevu vermek istiyorum", null],
  ];
  for (const [text, code] of table) assert.equal(extractConfirmationCode(text), code, text);
});

Deno.test("isAffirmative() and isNegative() read yes and no, phrases and questions", () => {
  const table: [string, boolean, boolean][] = [
    ["evet", true, false],
    ["Tamam", true, false],
    ["tamamdır", true, false],
    ["olur", true, false],
    ["onaylıyorum", true, false],
    ["ONAYLIYORUM", true, false],
    ["uygun", true, false],
    ["evet lütfen", true, false],
    ["yes", true, false],
    ["ok", true, false],
    ["sure", true, false],
    ["sorun yok", true, false],
    ["no problem", true, false],
    ["hayır", false, true],
    ["hayir", false, true],
    ["yok", false, true],
    ["istemiyorum", false, true],
    ["vazgeçtim", false, true],
    ["no", false, true],
    ["uygun değil", false, true],
    ["never mind", false, true],
    ["olur mu?", false, false],
    ["değil mi", false, false],
    ["hmm", false, false],
  ];
  for (const [text, yes, no] of table) {
    assert.equal(isAffirmative(text), yes, `${text} affirmative`);
    assert.equal(isNegative(text), no, `${text} negative`);
  }
});

Deno.test("extractAddress() splits a Turkish address line", () => {
  assert.deepEqual(extractAddress("Atatürk Cad. No:12 Kadıköy İstanbul"), {
    line: "Atatürk Cad. No:12 Kadıköy İstanbul",
    street: "Atatürk Cad.",
    number: "12",
    district: "Kadıköy",
    city: "İstanbul",
  });
  const full = extractAddress("Moda Mah. Şair Nefi Sok. No 5 D:3 34710 Kadıköy/İstanbul")!;
  assert.equal(full.neighbourhood, "Moda Mah.");
  assert.equal(full.street, "Şair Nefi Sok.");
  assert.equal(full.number, "5");
  assert.equal(full.unit, "3");
  assert.equal(full.postalCode, "34710");
  assert.equal(full.district, "Kadıköy");
  assert.equal(full.city, "İstanbul");
  const slash = extractAddress("Bağdat Caddesi No: 45/3 Kadıköy/İstanbul")!;
  assert.equal(slash.street, "Bağdat Caddesi");
  assert.equal(slash.number, "45/3");
  const district = extractAddress("Çankaya / ANKARA")!;
  assert.equal(district.city, "Ankara");
  assert.equal(district.district, "Çankaya");
  assert.equal(extractAddress("merhaba nasılsınız"), null);
});

Deno.test("extractAddress() starts at the label or the first part and stops before the name", () => {
  const labelled = extractAddress(
    "keratin maskeden bir adet kargo ile istiyorum adres Cumhuriyet Mah. Ataturk Cad. No:15 D:3 Nilufer Bursa, ad soyad Burak Celik tel",
  )!;
  assert.equal(labelled.neighbourhood, "Cumhuriyet Mah.");
  assert.equal(labelled.street, "Ataturk Cad.");
  assert.equal(labelled.number, "15");
  assert.equal(labelled.unit, "3");
  assert.equal(labelled.district, "Nilufer");
  assert.equal(labelled.city, "Bursa");
  assert.equal(labelled.line, "Cumhuriyet Mah. Ataturk Cad. No:15 D:3 Nilufer Bursa");
  const request = extractAddress("kargo ile gönderin, Moda cad no 5 Kadıköy İstanbul")!;
  assert.equal(request.street, "Moda cad");
  assert.equal(request.line, "Moda cad no 5 Kadıköy İstanbul");
  const english = extractAddress(
    "Can you ship 2 keratin masks to Bağdat Cad. No 200, Kadıköy, İstanbul? Name's Oliver Grant",
  )!;
  assert.equal(english.street, "Bağdat Cad.");
  assert.equal(english.district, "Kadıköy");
  assert.equal(english.city, "İstanbul");
  assert.equal(english.line, "Bağdat Cad. No 200, Kadıköy, İstanbul");
  const long = extractAddress("Kizilay Mah. Gazi Mustafa Kemal Blv. No:22 Cankaya Ankara")!;
  assert.equal(long.street, "Gazi Mustafa Kemal Blv.");
  const bare = extractAddress("Bağdat cad 45 kadıköy istanbul")!;
  assert.equal(bare.street, "Bağdat cad");
  assert.equal(bare.number, "45");
  assert.equal(bare.district, "Kadıköy");
  const lower = extractAddress("kargoyla yollayin ataturk cad no 5 kadikoy izmir")!;
  assert.equal(lower.street, "ataturk cad");
  assert.equal(lower.city, "İzmir");
});

Deno.test("detectLanguage() tells Turkish from English, Turkish when undecided", () => {
  const table: [string, "tr" | "en"][] = [
    ["Merhaba, yarın randevu almak istiyorum", "tr"],
    ["sac kesimi ne kadar", "tr"],
    ["IPTAL", "tr"],
    ["tamam", "tr"],
    ["", "tr"],
    ["Hello, I would like to book an appointment", "en"],
    ["I want a haircut", "en"],
    ["How much is it?", "en"],
    ["Is it available tomorrow?", "en"],
  ];
  for (const [text, language] of table) assert.equal(detectLanguage(text), language, text);
});
