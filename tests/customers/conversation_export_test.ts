import assert from "node:assert/strict";
import { withTenant } from "../../db/tenant.ts";
import {
  appendMessage,
  conversationsWithMessages,
  createConversation,
  getConversation,
  listMessages,
} from "../../services/bot/conversations.ts";
import { NotFoundError } from "../../services/errors.ts";
import { signupBusiness, startTestApp } from "../_support/app.ts";

Deno.test("conversationsWithMessages() reads as getConversation and listMessages do", async (t) => {
  const app = await startTestApp();
  try {
    const business = await signupBusiness(app);
    const run = <T>(fn: Parameters<typeof withTenant<T>>[2]) =>
      withTenant(app.db, business.tenantId, fn);
    const ids = await run(async (tx) => {
      const made: string[] = [];
      for (const [i, name] of ["Ali", "Ayşe", "Can"].entries()) {
        const { conversation } = await createConversation(tx, {
          channel: "web",
          locale: "tr",
          customer: { name, phone: `+90532123456${i}` },
        });
        for (let n = 0; n < 3 - i; n++) {
          await appendMessage(tx, conversation.id, n % 2 ? "assistant" : "user", `${name} ${n}`);
        }
        made.push(conversation.id);
      }
      return made;
    });
    const order = [ids[2]!, ids[0]!, ids[1]!];

    await t.step("same fields, same order, messages by seq", async () => {
      const one = await run(async (tx) => {
        const out = [];
        for (const id of order) {
          out.push({ ...await getConversation(tx, id), messages: await listMessages(tx, id) });
          assert.ok(out.at(-1)!.messages.length > 0);
        }
        return out;
      });
      const batch = await run((tx) => conversationsWithMessages(tx, order));
      // The per-id reads hold postgres.js result arrays; only the prototype of those differs.
      assert.deepEqual(batch, one.map((c) => ({ ...c, messages: [...c.messages] })));
      assert.equal(JSON.stringify(batch), JSON.stringify(one));
    });

    await t.step("no ids reads nothing; an unknown id is not found", async () => {
      assert.deepEqual(await run((tx) => conversationsWithMessages(tx, [])), []);
      await assert.rejects(
        run((tx) => conversationsWithMessages(tx, [ids[0]!, crypto.randomUUID()])),
        NotFoundError,
      );
    });
  } finally {
    await app.close();
  }
});
