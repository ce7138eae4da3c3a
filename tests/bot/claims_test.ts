import assert from "node:assert/strict";
import { addEvidence, checkSentence, ClaimGuard, noEvidence } from "../../services/bot/claims.ts";

Deno.test("checkSentence() refuses claims no tool backs, in Turkish and English", () => {
  const none = noEvidence();
  for (
    const [sentence, locale] of [
      ["Randevunuz başarıyla oluşturuldu.", "tr"],
      ["RANDEVUNUZ ONAYLANDI!", "tr"],
      ["Siparişiniz alındı.", "tr"],
      ["Randevunuz iptal edildi.", "tr"],
      ["Your appointment has been booked.", "en"],
      ["I've placed your order.", "en"],
      ["Your booking was cancelled.", "en"],
    ] as const
  ) {
    const r = checkSentence(sentence, none, locale);
    assert.equal(r.refused, true, sentence);
  }
  assert.equal(checkSentence("Yarın 15:00 müsait.", none, "tr").refused, false);
  assert.equal(checkSentence("Randevu almak ister misiniz?", none, "tr").refused, false);
});

Deno.test("checkSentence() lets a backed claim through, but not an invented code", () => {
  const evidence = noEvidence();
  addEvidence(evidence, "create_appointment", { confirmation_code: "K7M2QP" });
  assert.equal(
    checkSentence("Randevunuz oluşturuldu, onay kodunuz K7M2QP.", evidence, "tr").refused,
    false,
  );
  assert.equal(
    checkSentence("Randevunuz oluşturuldu, onay kodunuz X9Y8Z7.", evidence, "tr").refused,
    true,
  );
  assert.equal(
    checkSentence("Siparişiniz alındı.", evidence, "tr").refused,
    true,
    "a booking is not an order",
  );
});

Deno.test("ClaimGuard streams plain text at once and holds only a sentence that claims", () => {
  const guard = new ClaimGuard(noEvidence(), "tr");
  assert.equal(guard.push("Merhaba! Nas"), "Merhaba! ", "a partial word waits");
  assert.equal(guard.push("ıl yardımcı olabilirim? Rande"), "Nasıl yardımcı olabilirim? ");
  assert.equal(guard.push("vunuz oluşturul"), "");
  const rest = guard.push("du. Görüşmek üzere.") + guard.flush();
  assert.match(rest, /henüz oluşturamadım/);
  assert.match(rest, /Görüşmek üzere\.$/);
  assert.equal(guard.refused.length, 1);
});
