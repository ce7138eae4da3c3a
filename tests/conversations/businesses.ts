/**
 * Business fixtures of the conversation evaluation: a JSON file in `businesses/` beside this module
 * describes one business the way its owner would enter it through the API (profile, services,
 * products, staff, knowledge notes); `createFixtureBusiness` signs it up and fills it with the same
 * service functions and schemas the API uses.
 *
 * ```json
 * {
 *   "business_name": "Gülüş Ağız ve Diş Sağlığı Polikliniği",
 *   "industry": "Diş kliniği",
 *   "profile": { "phone": "0212 444 18 20", "address": { "street": "…", "city": "İstanbul" },
 *                "business_hours": { "mon": [{ "open": "09:00", "close": "18:00" }], … },
 *                "closed_days": ["2026-12-31"], "assistant": { "name": "Deniz", "policies": "…" } },
 *   "services": [{ "name": "Kompozit Dolgu", "price": 2500, "category": "Tedavi",
 *                  "meta_info": { "duration_minutes": 45 } }],
 *   "products": [{ "name": "Diş İpi", "price": 90, "meta_info": { "stock_quantity": 10 } }],
 *   "staff": [{ "name": "Dt. Elif Arslan", "title": "Diş hekimi",
 *               "working_hours": [{ "weekday": 1, "start": "09:00", "end": "17:00" }],
 *               "services": ["Kompozit Dolgu"] }],
 *   "knowledge": [{ "title": "Otopark", "content": "…" }]
 * }
 * ```
 *
 * `profile` takes the fields of `PUT /api/tenants/me`, a service or product those of
 * `POST /api/offerings` (without `offering_type`), a staff member those of `POST /api/staff` with
 * the names of the services they perform instead of their ids, a note those of `POST /api/knowledge`.
 * @module
 */
import type { z } from "zod";
import type { Db } from "../../db/types.ts";
import { withTenant } from "../../db/tenant.ts";
import { signup } from "../../services/auth/accounts.ts";
import type { TokenSigner } from "../../services/auth/jwt.ts";
import { addKnowledge, KnowledgeInput } from "../../services/bot/knowledge.ts";
import { createOffering } from "../../services/offerings/offerings.ts";
import { OfferingCreate } from "../../services/offerings/schemas.ts";
import { createStaff, StaffCreate } from "../../services/staff/staff.ts";
import { TenantUpdate, updateTenant } from "../../services/tenants/tenants.ts";

type OfferingInput = Record<string, unknown> & { name: string };

/** One business as its fixture file describes it. */
export interface BusinessFixture {
  business_name: string;
  industry: string;
  profile?: z.input<typeof TenantUpdate>;
  services?: OfferingInput[];
  products?: OfferingInput[];
  staff?: (Record<string, unknown> & { name: string; services?: string[] })[];
  knowledge?: z.input<typeof KnowledgeInput>[];
}

/** The folder of the fixture files. */
export const BUSINESSES_DIR = new URL("./businesses/", import.meta.url);

/** Reads the fixture `businesses/<name>.json`. */
export async function loadBusinessFixture(name: string): Promise<BusinessFixture> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Bad business fixture name: ${name}`);
  return JSON.parse(
    await Deno.readTextFile(new URL(`${name}.json`, BUSINESSES_DIR)),
  ) as BusinessFixture;
}

/** Signs the fixture's business up and fills it in; returns its tenant id. */
export async function createFixtureBusiness(
  db: Db,
  signer: TokenSigner,
  key: string,
  fixture: BusinessFixture,
): Promise<string> {
  const session = await signup(db, {
    business_name: fixture.business_name,
    email: `${key}@eval.arma.local`,
    password: "eval-business-2026",
    industry: fixture.industry,
    timezone: "Europe/Istanbul",
    locale: "tr",
  }, signer);
  await withTenant(db, session.tenant.id, async (tx) => {
    if (fixture.profile) await updateTenant(tx, TenantUpdate.parse(fixture.profile));
    const serviceIds = new Map<string, string>();
    for (
      const [type, list] of [
        ["service", fixture.services ?? []],
        ["product", fixture.products ?? []],
      ] as const
    ) {
      for (const offering of list) {
        const created = await createOffering(
          tx,
          OfferingCreate.parse({ ...offering, offering_type: type }),
        );
        if (type === "service") serviceIds.set(created.name, created.id);
      }
    }
    for (const { services = [], ...member } of fixture.staff ?? []) {
      const service_ids = services.map((name) => {
        const id = serviceIds.get(name);
        if (!id) throw new Error(`${key}: ${member.name} performs an unknown service ${name}`);
        return id;
      });
      await createStaff(tx, StaffCreate.parse({ ...member, service_ids }));
    }
    for (const note of fixture.knowledge ?? []) {
      await addKnowledge(tx, KnowledgeInput.parse(note));
    }
  });
  return session.tenant.id;
}
