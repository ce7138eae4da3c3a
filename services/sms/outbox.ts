/**
 * The SMS log every message goes through: a message is written (with its job) in the transaction
 * that causes it, then sent by the worker through the configured provider. With no provider the
 * message stays in the outbox, where the business sees it.
 * @module
 */
import type { Tx } from "../../db/types.ts";
import { enqueue } from "../jobs/queue.ts";
import { NotFoundError } from "../errors.ts";
import type { SmsProvider, SmsResult, SmsStatusUpdate } from "./types.ts";
import { renderSms, type SmsParams, type SmsTemplate } from "./templates.ts";

/** An SMS as the business sees it. */
export interface SmsRecord {
  id: string;
  to_phone: string;
  body: string;
  template: string;
  locale: string;
  status: string;
  provider: string | null;
  provider_id: string | null;
  error: string | null;
  appointment_id: string | null;
  order_id: string | null;
  created_at: Date;
  sent_at: Date | null;
  updated_at: Date;
}

/** What a message is about and who gets it. */
export interface SmsRequest {
  to: string;
  template: SmsTemplate;
  locale: "tr" | "en";
  params: SmsParams;
  appointmentId?: string;
  orderId?: string;
  runAt?: Date;
}

/** Writes a message and the job that sends it, in the current transaction. */
export async function queueSms(tx: Tx, request: SmsRequest): Promise<string> {
  const id = crypto.randomUUID();
  await tx`
    insert into sms_messages (id, tenant_id, to_phone, body, template, locale, appointment_id,
      order_id)
    values (${id}, ${tx.tenantId}, ${request.to}, ${
    renderSms(request.template, request.locale, request.params)
  }, ${request.template}, ${request.locale}, ${request.appointmentId ?? null},
      ${request.orderId ?? null})`;
  await enqueue(tx, "sms.send", { message_id: id }, {
    runAt: request.runAt,
    idempotencyKey: `sms:${id}`,
  });
  return id;
}

/** Reads a message the worker is about to send. */
export async function getSms(tx: Tx, id: string): Promise<SmsRecord> {
  const [row] = await tx<SmsRecord[]>`select * from sms_messages where id = ${id}`;
  if (!row) throw new NotFoundError("SMS");
  return row;
}

/** Records what the provider said when it took a message. */
export async function recordSent(tx: Tx, id: string, result: SmsResult): Promise<void> {
  const status = result.provider === "outbox" ? "outbox" : result.status;
  await tx`
    update sms_messages set status = ${status}, provider = ${result.provider},
      provider_id = ${result.providerId}, sent_at = now(), updated_at = now(), error = null
    where id = ${id}`;
  tx.emit({ type: "sms.changed", data: { id } });
}

/** Records a failure the provider reported. */
export async function recordFailed(tx: Tx, id: string, provider: string, error: string) {
  await tx`
    update sms_messages set status = 'failed', provider = ${provider}, error = ${error},
      updated_at = now()
    where id = ${id}`;
  tx.emit({ type: "sms.changed", data: { id } });
}

/** Applies a delivery report. */
export async function applySmsStatus(tx: Tx, id: string, update: SmsStatusUpdate): Promise<void> {
  await tx`
    update sms_messages set status = ${update.status}, error = ${update.errorCode ?? null},
      updated_at = now()
    where id = ${id} and status not in ('delivered')`;
  tx.emit({ type: "sms.changed", data: { id } });
}

/** Lists the tenant's messages, newest first. */
export async function listSms(tx: Tx, limit = 100): Promise<SmsRecord[]> {
  return await tx<SmsRecord[]>`
    select * from sms_messages order by created_at desc, id desc limit ${limit}`;
}

/** The provider used when none is configured: the message stays in the outbox. */
export function createOutboxProvider(): SmsProvider {
  return {
    name: "outbox",
    send: () => Promise.resolve({ provider: "outbox", providerId: null, status: "queued" }),
  };
}
