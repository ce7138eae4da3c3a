import assert from "node:assert/strict";
import {
  fold,
  isInflectionOf,
  normalize,
  stripSuffix,
  tokens,
} from "../../../services/bot/offline/nlu/text.ts";

Deno.test("normalize() lower-cases by Turkish rules, keeping what times and phones need", () => {
  const table: [string, string][] = [
    ["SAÇ KESİMİ", "saç kesimi"],
    ["İstanbul", "istanbul"],
    ["IŞIL ILGAZ", "ışıl ılgaz"],
    ["Saç KesİMİ", "saç kesimi"],
    ["I\u0307stanbul", "istanbul"],
    ["i\u0307stanbul", "istanbul"],
    ["  yarın   saat 14:30'da!! ", "yarın saat 14:30'da"],
    ["25.11.2026.", "25.11.2026"],
    ["2026-11-25", "2026-11-25"],
    ["0 (532) 123-45-67", "0 532 123-45-67"],
    ["+90 532 123 4567", "+90 532 123 4567"],
    ["Ayşe’den", "ayşe'den"],
    ["Merhaba, nasılsınız?", "merhaba nasılsınız"],
    ["fiyat: 149,90 TL", "fiyat 149,90 tl"],
    ["Hello 👋 world", "hello world"],
    ["'tırnak' içinde", "tırnak içinde"],
    ["", ""],
  ];
  for (const [input, expected] of table) assert.equal(normalize(input), expected, input);
});

Deno.test("fold() maps Turkish letters to ASCII so spellings without them match", () => {
  const table: [string, string][] = [
    ["Saç Kesimi", "sac kesimi"],
    ["ÇĞİÖŞÜ çğıöşü", "cgiosu cgiosu"],
    ["Kuaför Işıl", "kuafor isil"],
    ["âîû", "aiu"],
    ["SAC KESIMI", "sac kesimi"],
    ["Önümüzdeki Perşembe", "onumuzdeki persembe"],
  ];
  for (const [input, expected] of table) assert.equal(fold(input), expected, input);
  assert.equal(fold("SAÇ KESİMİ"), fold("sac kesimi"));
});

Deno.test("tokens() splits normalised words and keeps suffixed times whole", () => {
  assert.deepEqual(tokens("Merhaba, yarın 3'te?"), ["merhaba", "yarın", "3'te"]);
  assert.deepEqual(tokens("Öğleden SONRA", { fold: true }), ["ogleden", "sonra"]);
  assert.deepEqual(tokens("  ?! "), []);
});

Deno.test("stripSuffix() removes case and possessive suffixes conservatively", () => {
  const stripped: [string, string][] = [
    ["cumaya", "cuma"],
    ["salıya", "salı"],
    ["saliya", "sali"],
    ["14:00'te", "14:00"],
    ["Ayşe'den", "ayşe"],
    ["kesimine", "kesim"],
    ["KESİMİNE", "kesim"],
    ["randevumu", "randevu"],
    ["randevularımı", "randevu"],
    ["kremden", "krem"],
    ["saçı", "saç"],
    ["bakımı", "bakım"],
    ["tırnağı", "tırnak"],
    ["yarınki", "yarın"],
    ["bugünkü", "bugün"],
    ["kasımda", "kasım"],
    ["istanbulda", "istanbul"],
    ["kapıda", "kapı"],
    ["ahmetten", "ahmet"],
    ["mehmete", "mehmet"],
    ["saate", "saat"],
    ["kontrolü", "kontrol"],
    ["nemlendiriciyi", "nemlendirici"],
  ];
  for (const [word, stem] of stripped) assert.equal(stripSuffix(word), stem, word);
});

Deno.test("stripSuffix() leaves words that only look suffixed alone", () => {
  const kept = [
    "cuma",
    "salı",
    "kasım",
    "pazartesi",
    "cumartesi",
    "çarşamba",
    "boya",
    "hafta",
    "gece",
    "kesim",
    "masa",
    "pasta",
    "evde",
    "nemlendirici",
    "price",
    "services",
    "fön",
  ];
  for (const word of kept) assert.equal(stripSuffix(word), normalize(word), word);
});

Deno.test("stripSuffix() prefers known words given by the caller", () => {
  assert.equal(stripSuffix("ipeği"), "ipeğ");
  assert.equal(stripSuffix("ipeği", ["ipek"]), "ipek");
});

Deno.test("isInflectionOf() follows vowel harmony and consonant softening", () => {
  const yes: [string, string][] = [
    ["cumaya", "cuma"],
    ["salıya", "salı"],
    ["saliya", "salı"],
    ["kesimine", "kesim"],
    ["dörde", "dört"],
    ["tırnağı", "tırnak"],
    ["buçuğa", "buçuk"],
    ["Ayşe'den", "ayşe"],
    ["yarınki", "yarın"],
    ["maniküre", "manikür"],
    ["ucte", "üç"],
  ];
  for (const [word, stem] of yes) assert.equal(isInflectionOf(word, stem), true, word);
  const no: [string, string][] = [
    ["cumartesi", "cuma"],
    ["pazartesi", "pazar"],
    ["saçma", "saç"],
    ["kaşık", "kaş"],
    ["cumaye", "cuma"],
    ["saçe", "saç"],
  ];
  for (const [word, stem] of no) assert.equal(isInflectionOf(word, stem), false, word);
});
