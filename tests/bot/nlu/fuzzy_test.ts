import assert from "node:assert/strict";
import {
  bestMatches,
  type Candidate,
  damerauLevenshtein,
  findMentions,
  MATCH_THRESHOLD,
} from "../../../services/bot/offline/nlu/fuzzy.ts";

const SERVICES: Candidate[] = [
  { id: "cut", name: "Saç Kesimi" },
  { id: "men", name: "Erkek Saç Kesimi" },
  { id: "blow", name: "Fön" },
  { id: "mani", name: "Manikür" },
  { id: "pedi", name: "Pedikür" },
  { id: "dye", name: "Saç Boyama" },
  { id: "massage", name: "Masaj" },
  { id: "skin", name: "Cilt Bakımı", aliases: ["yüz bakımı"] },
  { id: "gel", name: "Kalıcı Oje" },
  { id: "keratin", name: "Keratin Bakımı" },
  { id: "cream", name: "Nemlendirici Krem" },
];

function top(query: string): string | undefined {
  return bestMatches(query, SERVICES)[0]?.id;
}

Deno.test("damerauLevenshtein() counts edits and neighbour swaps", () => {
  const table: [string, string, number][] = [
    ["kesim", "kesim", 0],
    ["kesm", "kesim", 1],
    ["ksemi", "kesmi", 1],
    ["kesimi", "kesmi", 1],
    ["randevu", "randvuu", 2],
    ["masaj", "msaaj", 1],
    ["", "fon", 3],
    ["manikur", "pedikur", 3],
  ];
  for (const [a, b, d] of table) assert.equal(damerauLevenshtein(a, b), d, `${a}/${b}`);
});

Deno.test("bestMatches() finds offerings despite letters, suffixes, typos and word order", () => {
  const table: [string, string][] = [
    ["Saç Kesimi", "cut"],
    ["sac kesimi", "cut"],
    ["SAÇ KESİMİ", "cut"],
    ["SAC KESIMI", "cut"],
    ["saç kesimine", "cut"],
    ["kesimi saç", "cut"],
    ["saçkesimi", "cut"],
    ["kesim", "cut"],
    ["kesm", "cut"],
    ["erkek saç kesimi", "men"],
    ["erkek kesim", "men"],
    ["manikür için", "mani"],
    ["manikur", "mani"],
    ["maniküre", "mani"],
    ["manükür", "mani"],
    ["masj", "massage"],
    ["pedikür fiyatı", "pedi"],
    ["kalici oje", "gel"],
    ["yüz bakımı", "skin"],
    ["nemlendiriciyi", "cream"],
    ["boya", "dye"],
  ];
  for (const [query, id] of table) assert.equal(top(query), id, query);
});

Deno.test("bestMatches() ranks fuller matches first and keeps partial ones", () => {
  const kesim = bestMatches("kesim", SERVICES).map((m) => m.id);
  assert.deepEqual(kesim, ["cut", "men"]);
  const exact = bestMatches("saç kesimi", SERVICES);
  assert.equal(exact[0]?.score, 1);
  assert.ok(exact[1]!.score < 1);
  const men = bestMatches("erkek saç kesimi", SERVICES);
  assert.deepEqual(men.map((m) => m.id), ["men", "cut"]);
  for (const m of [...exact, ...men]) assert.ok(m.score > 0 && m.score <= 1, m.name);
});

Deno.test("bestMatches() ignores unrelated words and honours threshold and limit", () => {
  assert.deepEqual(bestMatches("xyz", SERVICES), []);
  assert.deepEqual(bestMatches("mesaj", SERVICES), []);
  assert.deepEqual(bestMatches("", SERVICES), []);
  assert.equal(bestMatches("bakım", SERVICES, { limit: 1 }).length, 1);
  assert.deepEqual(bestMatches("kesim", SERVICES, { threshold: 0.7 }).map((m) => m.id), ["cut"]);
  assert.equal(MATCH_THRESHOLD, 0.6);
  const alias = bestMatches("yüz bakımı", SERVICES)[0]!;
  assert.equal(alias.label, "yüz bakımı");
  assert.equal(alias.name, "Cilt Bakımı");
});

Deno.test("findMentions() lists every offering a message names, in order", () => {
  const table: [string, string[]][] = [
    ["yarın saç kesimi ve fön istiyorum", ["cut", "blow"]],
    ["SAÇ KESİMİ VE MANİKÜR", ["cut", "mani"]],
    ["erkek saç kesimi lütfen", ["men"]],
    ["cilt bakımına bakıyorum, bir de pedikür", ["skin", "pedi"]],
    ["fön çektirmek ve maniküre", ["blow", "mani"]],
    ["2 nemlendirici krem alacağım", ["cream"]],
    ["manikur pedikur", ["mani", "pedi"]],
    ["masajj olur mu", ["massage"]],
  ];
  for (const [message, ids] of table) {
    assert.deepEqual(findMentions(message, SERVICES).map((m) => m.id), ids, message);
  }
});

Deno.test("findMentions() avoids false positives from common words and partial names", () => {
  const none = [
    "mesaj attım ama dönüş olmadı",
    "bakım yaptırmak istiyorum",
    "merhaba, yarın saat 3 uygun mu?",
    "saçma sapan bir mesaj",
  ];
  for (const message of none) {
    assert.deepEqual(findMentions(message, SERVICES), [], message);
  }
  const mention = findMentions("yarın saç kesimine gelirim", SERVICES)[0]!;
  assert.equal(mention.id, "cut");
  assert.equal(mention.text, "saç kesimine");
  assert.equal(mention.start, 1);
  assert.equal(mention.end, 3);
});
