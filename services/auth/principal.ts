/**
 * Who is calling: a dashboard user, a secret key, a publishable key or a device.
 * @module
 */

/** Roles a user holds in a tenant. */
export type Role = "owner" | "staff";

/** The authenticated caller of a request. */
export type Principal =
  | { kind: "user"; tenantId: string; userId: string; role: Role }
  | { kind: "secret_key"; tenantId: string; keyId: string }
  | { kind: "publishable_key"; tenantId: string; keyId: string; allowedOrigins: string[] };

/** True when the principal may change the business's configuration. */
export function isOwner(p: Principal): boolean {
  return p.kind === "secret_key" || (p.kind === "user" && p.role === "owner");
}

/** True when the principal belongs to the business (a user or a secret key), not a customer. */
export function isMember(p: Principal): boolean {
  return p.kind === "secret_key" || p.kind === "user";
}
