import assert from "node:assert/strict";
import { dayWords, longDate, money, pickLang, texts, todayIn, zoned } from "../../widget/i18n.ts";
import { contrast, css, textOn } from "../../widget/styles.ts";

Deno.test("the widget picks Turkish or English from the page, then the browser", () => {
  assert.equal(pickLang([undefined, "", "en-US", "tr-TR"]), "en");
  assert.equal(pickLang(["de", "tr-TR"]), "tr");
  assert.equal(pickLang(["EN"]), "en");
  assert.equal(pickLang(["de", "fr"]), "tr", "Turkish by default");
  assert.equal(pickLang([]), "tr");
});

Deno.test("every text of the widget exists in both languages", () => {
  const tr = texts("tr");
  const en = texts("en");
  assert.deepEqual(Object.keys(en).sort(), Object.keys(tr).sort());
  for (const [k, v] of Object.entries(tr)) {
    if (k !== "book" && k !== "buy") assert.ok(v && en[k as keyof typeof en], k);
  }
});

Deno.test("money and dates as a Turkish or English customer reads them", () => {
  assert.equal(money("tr", 1234.5), "₺1.234,50");
  assert.equal(money("en", "689.9"), "₺689.90");
  assert.equal(longDate("tr", "2026-03-12"), "12 Mart 2026 Perşembe");
  assert.equal(longDate("en", "2026-03-12"), "Thursday, 12 March 2026");
  assert.equal(dayWords("tr", "2026-03-12", "2026-03-12"), "Bugün");
  assert.equal(dayWords("tr", "2026-03-13", "2026-03-12"), "Yarın");
  assert.equal(dayWords("tr", "2026-03-14", "2026-03-12"), "14 Mart");
  assert.equal(dayWords("en", "2026-03-14", "2026-03-12"), "14 March");
  assert.equal(dayWords("tr", "2026-01-01", "2025-12-31"), "Yarın", "across a year");
});

Deno.test("a booking's wall-clock time in the business's zone becomes the right instant", () => {
  assert.equal(
    zoned("2026-03-12", "15:00", "Europe/Istanbul").toISOString(),
    "2026-03-12T12:00:00.000Z",
  );
  assert.equal(
    zoned("2026-07-01", "09:30", "Europe/Berlin").toISOString(),
    "2026-07-01T07:30:00.000Z",
  );
  assert.equal(
    zoned("2026-01-15", "09:30", "Europe/Berlin").toISOString(),
    "2026-01-15T08:30:00.000Z",
  );
  assert.equal(todayIn("Europe/Istanbul", new Date("2026-03-12T22:30:00Z")), "2026-03-13");
});

Deno.test("text on any accent colour has at least AA contrast", () => {
  for (let i = 0; i < 4096; i += 7) {
    const hex = `#${i.toString(16).padStart(3, "0")}`;
    assert.ok(contrast(hex, textOn(hex)) >= 4.5, hex);
  }
  assert.equal(textOn("#ffd400"), "#000");
  assert.equal(textOn("#0f5d5e"), "#fff");
  assert.ok(contrast("#0f5d5e", "#fff") >= 7, "the default accent reaches AAA");
  // Body text and the secondary greys on their backgrounds.
  assert.ok(contrast("#1f2328", "#f6f7f9") >= 4.5);
  assert.ok(contrast("#4a5058", "#f6f7f9") >= 4.5);
  assert.ok(contrast("#6b4300", "#f6f7f9") >= 4.5);
  assert.ok(contrast("#4d3800", "#fff4ce") >= 4.5);
  assert.ok(contrast("#b3261e", "#f6f7f9") >= 4.5);
});

Deno.test("the stylesheet takes only a hex accent and a side", () => {
  assert.match(css("#ffd400", "left"), /--a:#ffd400;--o:#000/);
  assert.match(css("red;}</style>", "right"), /--a:#0f5d5e;--o:#fff/);
  assert.match(css(undefined, "left"), /\.launcher\{position:fixed;bottom:20px;left:20px/);
  assert.doesNotMatch(css(undefined, "right"), /\brem\b|@import|url\(/);
});
