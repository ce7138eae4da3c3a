import assert from "node:assert/strict";
import { formatPhone, isTurkishMobile, normalizePhone } from "../../services/phone.ts";

Deno.test("normalizePhone() accepts the usual Turkish spellings", () => {
  for (
    const input of [
      "0532 123 45 67",
      "05321234567",
      "5321234567",
      "+905321234567",
      "+90 532 123 45 67",
      "0 (532) 123-45-67",
      "90 532 123 4567",
      "0090 532 123 45 67",
      "532.123.45.67",
    ]
  ) {
    assert.equal(normalizePhone(input), "+905321234567", input);
  }
  assert.equal(normalizePhone("0216 555 12 34"), "+902165551234");
  assert.equal(normalizePhone("+44 20 7946 0958"), "+442079460958");
});

Deno.test("normalizePhone() refuses what is not a phone number", () => {
  for (
    const input of [
      "",
      "12",
      "abc",
      "0532 123",
      "+90 132 123 45 67",
      "1234567890123456789",
      "05321234567x",
    ]
  ) {
    assert.equal(normalizePhone(input), null, input);
  }
});

Deno.test("isTurkishMobile() and formatPhone()", () => {
  assert.equal(isTurkishMobile("+905321234567"), true);
  assert.equal(isTurkishMobile("+902165551234"), false);
  assert.equal(formatPhone("+905321234567"), "+90 532 123 45 67");
});
