import assert from "node:assert/strict";
import { startTestApp } from "../_support/app.ts";
import { setupSalon } from "../_support/salon.ts";

Deno.test("a conversation without a page language takes the customer's first message's", async (t) => {
  const app = await startTestApp();
  try {
    const salon = await setupSalon(app);
    const open = async (message: string, locale?: "tr" | "en") => {
      const sent = await app.request("POST", "/api/chat/message", {
        key: salon.publishableKey,
        body: { message, ...(locale ? { locale } : {}) },
      });
      assert.equal(sent.status, 200, sent.text);
      const history = await app.request("GET", `/api/chat/history/${sent.body.conversation_id}`, {
        key: salon.publishableKey,
        headers: { "X-Conversation-Token": sent.body.conversation_token },
      });
      return history.body.conversation.locale;
    };
    await t.step("English", async () => {
      assert.equal(await open("Hi! How much is a haircut?"), "en");
    });
    await t.step("Turkish, also without Turkish letters", async () => {
      assert.equal(await open("Merhaba, sac kesimi ne kadar?"), "tr");
    });
    await t.step("the page's language wins when it is given", async () => {
      assert.equal(await open("Hi! How much is a haircut?", "tr"), "tr");
    });
  } finally {
    await app.close();
  }
});
