/**
 * iCalendar (RFC 5545) feeds: a staff member's appointments for the calendar on their phone, read
 * through a secret URL. Times are in UTC; cancelled appointments stay in the feed as cancelled, so
 * calendars remove them.
 * @module
 */
import type { Tx } from "../../db/types.ts";
import { randomToken, sha256Hex } from "../auth/crypto.ts";
import type { Db } from "../../db/types.ts";
import { withTenant } from "../../db/tenant.ts";
import { NotFoundError } from "../errors.ts";

/** One event of a feed. */
export interface CalendarEvent {
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  status: "CONFIRMED" | "TENTATIVE" | "CANCELLED";
  updated: Date;
}

const escapeText = (text: string) =>
  text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");

/** Folds a content line at 75 octets, as RFC 5545 asks. */
export function foldLine(line: string): string {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  let size = 0;
  for (const ch of line) {
    const n = new TextEncoder().encode(ch).length;
    if (size + n > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = "";
      size = 0;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** Builds a VCALENDAR document. */
export function buildCalendar(name: string, events: CalendarEvent[], now = new Date()): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Arma//Randevular//TR",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(name)}`,
  ];
  for (const e of events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${e.uid}`,
      `DTSTAMP:${stamp(now)}`,
      `LAST-MODIFIED:${stamp(e.updated)}`,
      `DTSTART:${stamp(e.start)}`,
      `DTEND:${stamp(e.end)}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      `STATUS:${e.status}`,
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

/** Issues a new secret calendar token for a staff member; the previous one stops working. */
export async function rotateCalendarToken(tx: Tx, staffId: string): Promise<string> {
  const token = randomToken(24);
  const [row] = await tx`
    update staff_members set calendar_token_hash = ${await sha256Hex(token)}, updated_at = now()
    where id = ${staffId} returning id`;
  if (!row) throw new NotFoundError("Staff member");
  return token;
}

/** The feed behind a calendar token, or null when the token is unknown. */
export async function calendarFeed(
  db: Db,
  token: string,
  now = new Date(),
): Promise<string | null> {
  const [found] = await db.sql<{ tenant_id: string; staff_id: string }[]>`
    select * from arma_lookup_calendar(${await sha256Hex(token)})`;
  if (!found) return null;
  return await withTenant(db, found.tenant_id, async (tx) => {
    const [who] = await tx<{ name: string; business_name: string }[]>`
      select s.name, t.business_name from staff_members s, tenants t
      where s.id = ${found.staff_id} and t.id = ${tx.tenantId}`;
    const rows = await tx<
      {
        id: string;
        starts_at: Date;
        ends_at: Date;
        service: string;
        customer_name: string;
        customer_phone: string;
        confirmation_code: string;
        status: string;
        notes: string | null;
        updated_at: Date;
      }[]
    >`
      select a.id, a.starts_at, a.ends_at, o.name as service, a.customer_name, a.customer_phone,
        a.confirmation_code, a.status, a.notes, a.updated_at
      from appointments a join offerings o on o.id = a.offering_id
      where a.staff_id = ${found.staff_id}
        and a.starts_at > ${new Date(now.getTime() - 30 * 86_400_000)}
        and a.starts_at < ${new Date(now.getTime() + 180 * 86_400_000)}
      order by a.starts_at`;
    return buildCalendar(
      `${who!.business_name} — ${who!.name}`,
      rows.map((r) => ({
        uid: `${r.id}@arma`,
        start: r.starts_at,
        end: r.ends_at,
        summary: `${r.service}: ${r.customer_name}`,
        description: [r.customer_phone, `Kod: ${r.confirmation_code}`, r.notes ?? ""]
          .filter(Boolean).join("\n"),
        status: r.status === "cancelled"
          ? "CANCELLED"
          : r.status === "pending"
          ? "TENTATIVE"
          : "CONFIRMED",
        updated: r.updated_at,
      })),
      now,
    );
  });
}
