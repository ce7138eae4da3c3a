import assert from "node:assert/strict";
import { withTenant } from "../../db/tenant.ts";
import { startTestApp } from "../_support/app.ts";
import { nextWeekday, setupSalon } from "../_support/salon.ts";

const ALI = "+905321234567";

Deno.test("customers: list, KVKK export and erasure", async (t) => {
  const app = await startTestApp();
  const salon = await setupSalon(app);
  const token = salon.token;
  const req = (method: string, path: string, body?: unknown) =>
    app.request(method, path, { token, body });
  try {
    // Ali: an appointment, an order and a conversation, with his number spelled three ways.
    const day = nextWeekday(3);
    const booked = await req("POST", "/api/appointments", {
      service_id: salon.services.cut,
      date: day,
      time: "10:00",
      customer: { name: "Ali Işık", phone: "0532 123 45 67", email: "ali@example.com" },
    });
    assert.equal(booked.status, 201, booked.text);
    const order = await req("POST", "/api/orders", {
      items: [{ product_id: salon.products.cream, quantity: 1 }],
      customer: {
        name: "Ali Işık",
        phone: "5321234567",
        address: { street: "Moda Cad. 5", district: "Kadıköy", city: "İstanbul" },
      },
      payment_method: "cash",
      delivery: "shipping",
    });
    assert.equal(order.status, 201, order.text);
    const chat = await app.request("POST", "/api/chat/message", {
      key: salon.publishableKey,
      body: { message: "Merhaba", customer: { name: "Ali Işık", phone: ALI } },
    });
    assert.equal(chat.status, 200, chat.text);
    // Zeynep: someone else, who must not be touched.
    const other = await req("POST", "/api/appointments", {
      service_id: salon.services.cut,
      date: day,
      time: "12:00",
      customer: { name: "Zeynep Çelik", phone: "+90 555 111 22 33" },
    });
    assert.equal(other.status, 201, other.text);

    await t.step("the list folds one person's records by phone and searches them", async () => {
      const list = await req("GET", "/api/customers");
      assert.equal(list.status, 200, list.text);
      const ali = list.body.data.find((c: { phone: string }) => c.phone === ALI);
      assert.deepEqual(
        {
          name: ali.name,
          email: ali.email,
          appointments: ali.appointments,
          orders: ali.orders,
          conversations: ali.conversations,
        },
        {
          name: "Ali Işık",
          email: "ali@example.com",
          appointments: 1,
          orders: 1,
          conversations: 1,
        },
      );
      assert.equal(list.body.data.length, 2);
      for (const q of ["ALİ IŞIK", "ali isik", "123 45"]) {
        const found = await req("GET", `/api/customers?q=${encodeURIComponent(q)}`);
        assert.deepEqual(found.body.data.map((c: { phone: string }) => c.phone), [ALI], q);
      }
      const none = await req("GET", `/api/customers?q=${encodeURIComponent("100%")}`);
      assert.deepEqual(none.body.data, []);
      const first = await req("GET", "/api/customers?limit=1");
      assert.equal(first.body.data.length, 1);
      assert.ok(first.body.next_cursor);
      const second = await req("GET", `/api/customers?limit=1&cursor=${first.body.next_cursor}`);
      assert.equal(second.body.data.length, 1);
      assert.notEqual(second.body.data[0].phone, first.body.data[0].phone);
      assert.equal(second.body.next_cursor, null);
      const bad = await req("GET", "/api/customers?cursor=bm90LWEtY3Vyc29y");
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, "invalid_cursor");
    });

    await t.step("the export holds everything about the customer and nothing else", async () => {
      const res = await req("GET", `/api/customers/${encodeURIComponent("0532 123 45 67")}`);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.phone, ALI);
      assert.equal(res.body.name, "Ali Işık");
      assert.deepEqual(res.body.appointments.map((a: { id: string }) => a.id), [booked.body.id]);
      assert.deepEqual(res.body.orders.map((o: { id: string }) => o.id), [order.body.id]);
      assert.equal(res.body.orders[0].items.length, 1);
      assert.deepEqual(
        res.body.conversations.map((c: { id: string }) => c.id),
        [chat.body.conversation_id],
      );
      assert.ok(
        res.body.conversations[0].messages.some((m: { content: string }) =>
          m.content === "Merhaba"
        ),
      );
      assert.ok(res.body.sms.length >= 1, "the confirmation SMS is part of the export");
      assert.ok(res.body.sms.every((m: { to_phone: string }) => m.to_phone === ALI));
      assert.equal(res.text.includes("Zeynep"), false);
      assert.equal((await req("GET", "/api/customers/05001112233")).status, 404);
      const malformed = await req("GET", "/api/customers/not-a-phone");
      assert.equal(malformed.status, 400);
    });

    await t.step("staff users may list customers but not export or erase them", async () => {
      const inv = await req("POST", "/api/team/invitations", { email: "elif@example.com" });
      const joined = await app.request("POST", "/api/auth/join", {
        body: { token: inv.body.token, password: "staff password", name: "Elif" },
      });
      const staff = joined.body.access_token;
      assert.equal((await app.request("GET", "/api/customers", { token: staff })).status, 200);
      const path = `/api/customers/${encodeURIComponent(ALI)}`;
      assert.equal((await app.request("GET", path, { token: staff })).status, 403);
      assert.equal((await app.request("DELETE", path, { token: staff })).status, 403);
    });

    await t.step("erasure waits for orders on their way", async () => {
      const paid = await req("POST", `/api/orders/${order.body.id}/payment`, {
        action: "record",
        method: "cash",
      });
      assert.equal(paid.status, 200, paid.text);
      const refused = await req("DELETE", `/api/customers/${encodeURIComponent(ALI)}`);
      assert.equal(refused.status, 409, refused.text);
      assert.equal(refused.body.error.code, "customer_has_open_orders");
      assert.deepEqual(refused.body.error.details.orders, [order.body.order_number]);
      const still = await req("GET", `/api/customers/${encodeURIComponent(ALI)}`);
      assert.equal(still.status, 200, "nothing was erased");
      for (const status of ["shipped", "delivered"]) {
        const moved = await req("PUT", `/api/orders/${order.body.id}/status`, { status });
        assert.equal(moved.status, 200, moved.text);
      }
    });

    await t.step(
      "erasure anonymises the books, deletes conversations, cancels what is coming",
      async () => {
        const res = await req(
          "DELETE",
          `/api/customers/${encodeURIComponent("+90 532 123 45 67")}`,
        );
        assert.equal(res.status, 200, res.text);
        assert.deepEqual(
          {
            appointments: res.body.appointments,
            cancelled: res.body.cancelled_appointments,
            orders: res.body.orders,
            conversations: res.body.conversations,
          },
          { appointments: 1, cancelled: 1, orders: 1, conversations: 1 },
        );
        assert.equal((await req("GET", `/api/customers/${encodeURIComponent(ALI)}`)).status, 404);
        assert.equal(
          (await req("DELETE", `/api/customers/${encodeURIComponent(ALI)}`)).status,
          404,
        );
        const appointment = await req("GET", `/api/appointments/${booked.body.id}`);
        assert.equal(appointment.body.customer_name, "Anonim");
        assert.equal(appointment.body.customer_phone, "");
        assert.equal(appointment.body.status, "cancelled");
        const kept = await req("GET", `/api/orders/${order.body.id}`);
        assert.equal(kept.body.customer_name, "Anonim");
        assert.equal(kept.body.shipping_address, null);
        assert.equal(kept.body.total_amount, order.body.total_amount, "the books keep the amounts");
        const history = await req("GET", `/api/chat/history/${chat.body.conversation_id}`);
        assert.equal(history.status, 404);
        const leftovers = await withTenant(app.db, salon.tenantId, (tx) =>
          tx<{ n: number }[]>`
          select (select count(*) from appointments where customer_phone = ${ALI})
            + (select count(*) from orders where customer_phone = ${ALI})
            + (select count(*) from sms_messages
                where to_phone = ${ALI} or (appointment_id = ${booked.body.id} and body <> ''))
            + (select count(*) from messages where content = 'Merhaba')
            + (select count(*) from idempotency_keys where response::text like '%Işık%')
            as n`);
        assert.equal(Number(leftovers[0]!.n), 0);
        const zeynep = await req("GET", `/api/appointments/${other.body.id}`);
        assert.equal(zeynep.body.customer_name, "Zeynep Çelik");
        assert.equal(zeynep.body.status, "confirmed");
        const list = await req("GET", "/api/customers");
        assert.deepEqual(list.body.data.map((c: { phone: string }) => c.phone), ["+905551112233"]);
      },
    );
  } finally {
    await app.close();
  }
});
