/**
 * What each kind of job does. Provider calls happen outside database transactions: read in one
 * transaction, call the provider, write the result in another.
 * @module
 */
import { withTenant } from "../../db/tenant.ts";
import { getAppointment, queueAppointmentSms } from "../appointments/appointments.ts";
import { toKurus } from "../money.ts";
import {
  CHECKOUT_MINUTES,
  expireUnpaid,
  getOrder,
  type Order,
  recordCheckout,
} from "../orders/orders.ts";
import type { CheckoutRequest, PaymentProvider } from "../payments/types.ts";
import { getSms, queueSms, recordFailed, recordSent } from "../sms/outbox.ts";
import { type SmsProvider, SmsSendError } from "../sms/types.ts";
import { type JobHandler, PermanentJobError } from "./worker.ts";
import { runImport } from "../scraper/imports.ts";
import type { Crawler } from "../scraper/types.ts";

/** The providers and addresses the handlers need. */
export interface HandlerDeps {
  sms: SmsProvider;
  crawler: Crawler;
  payments: PaymentProvider & { expireCheckout?(reference: string): Promise<void> };
  /** Where customers and providers reach this server. */
  publicUrl: string;
}

/** Builds the checkout request of an order; the amounts come from the stored order. */
export function checkoutRequest(
  order: Order,
  tenantId: string,
  publicUrl: string,
  idempotencyKey: string,
): CheckoutRequest {
  const page = (outcome: string) =>
    `${publicUrl}/pay/${outcome}?order=${encodeURIComponent(order.id)}`;
  const address = order.shipping_address as CheckoutRequest["customer"]["address"];
  return {
    tenantId,
    orderId: order.id,
    orderNumber: order.order_number,
    currency: "TRY",
    lines: order.items.map((l) => ({
      name: l.name,
      quantity: l.quantity,
      unitAmountKurus: toKurus(l.unit_price),
    })),
    shippingKurus: toKurus(order.shipping_cost),
    totalKurus: toKurus(order.total_amount),
    customer: {
      name: order.customer_name,
      phone: order.customer_phone,
      email: order.customer_email,
      address: address ?? null,
    },
    successUrl: page("done"),
    cancelUrl: page("cancelled"),
    callbackUrl: `${publicUrl}/api/payments/iyzico/callback`,
    idempotencyKey,
    expiresAt: order.payment_expires_at ?? new Date(Date.now() + CHECKOUT_MINUTES * 60_000),
    locale: order.locale,
  };
}

/** The handlers of every job kind. */
export function createJobHandlers(deps: HandlerDeps): Record<string, JobHandler> {
  return {
    async "sms.send"(job, { db }) {
      const id = String(job.payload.message_id);
      const message = await withTenant(db, job.tenant_id, (tx) => getSms(tx, id));
      if (message.status !== "queued") return;
      try {
        const result = await deps.sms.send({
          to: message.to_phone,
          body: message.body,
          idempotencyKey: job.idempotency_key,
          statusCallbackUrl: `${deps.publicUrl}/api/webhooks/twilio`,
        });
        await withTenant(db, job.tenant_id, (tx) => recordSent(tx, id, result));
      } catch (err) {
        if (err instanceof SmsSendError && !err.retryable) {
          await withTenant(
            db,
            job.tenant_id,
            (tx) => recordFailed(tx, id, deps.sms.name, err.message),
          );
          throw new PermanentJobError(err.message);
        }
        throw err;
      }
    },

    async "appointment.reminder"(job, { db }) {
      await withTenant(db, job.tenant_id, async (tx) => {
        const a = await getAppointment(tx, String(job.payload.appointment_id));
        const due = a.starts_at.toISOString() === job.payload.starts_at;
        if (!due || (a.status !== "confirmed" && a.status !== "pending")) return;
        if (a.starts_at.getTime() < Date.now()) return;
        await queueAppointmentSms(tx, a, "appointment_reminder");
      });
    },

    async "payment.checkout"(job, { db }) {
      const id = String(job.payload.order_id);
      const order = await withTenant(db, job.tenant_id, (tx) => getOrder(tx, id));
      if (order.status !== "pending" || order.payment_provider === "manual") return;
      const session = await deps.payments.createCheckout(
        checkoutRequest(order, job.tenant_id, deps.publicUrl, job.idempotency_key),
      );
      await withTenant(db, job.tenant_id, async (tx) => {
        const updated = await recordCheckout(tx, id, session);
        if (!session.url) return;
        const [tenant] = await tx<{ business_name: string }[]>`
          select business_name from tenants where id = ${tx.tenantId}`;
        await queueSms(tx, {
          to: updated.customer_phone,
          template: "payment_link",
          locale: updated.locale,
          params: {
            business: tenant!.business_name,
            orderNumber: updated.order_number,
            link: session.url,
          },
          orderId: id,
        });
      });
    },

    async "order.expire"(job, { db }) {
      await withTenant(db, job.tenant_id, (tx) => expireUnpaid(tx, String(job.payload.order_id)));
    },

    async "website.import"(job, { db, signal }) {
      await runImport(db, job.tenant_id, String(job.payload.import_id), deps.crawler, signal);
    },

    async "payment.expire_checkout"(job, { db }) {
      const order = await withTenant(
        db,
        job.tenant_id,
        (tx) => getOrder(tx, String(job.payload.order_id)),
      );
      if (order.payment_reference && deps.payments.expireCheckout) {
        await deps.payments.expireCheckout(order.payment_reference);
      }
    },
  };
}
