/**
 * Accounts: sign-up of a business and its owner, login, refresh-token rotation with reuse
 * detection, logout, and the owner's invitations of staff users.
 * @module
 */
import { z } from "zod";
import { withTenant } from "../../db/tenant.ts";
import type { Db, Tx } from "../../db/types.ts";
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError } from "../errors.ts";
import { getTenant, isTimeZone, type Tenant } from "../tenants/tenants.ts";
import { DEFAULT_TIME_ZONE } from "../time.ts";
import { createApiKey } from "./keys.ts";
import {
  DUMMY_PASSWORD_HASH,
  hashPassword,
  randomToken,
  sha256Hex,
  verifyPassword,
} from "./crypto.ts";
import type { TokenSigner } from "./jwt.ts";
import type { Role } from "./principal.ts";

/** Access tokens live 15 minutes. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** Refresh tokens live 30 days. */
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;
/** Invitations stay valid for 7 days. */
export const INVITATION_TTL_SECONDS = 7 * 24 * 3600;

const Email = z.email().max(255).transform((e) => e.trim().toLowerCase());
const Password = z.string().min(8, "must be at least 8 characters").max(200);

/** What `POST /api/auth/signup` accepts. */
export const SignupInput = z.object({
  business_name: z.string().trim().min(1).max(255),
  email: Email,
  password: Password,
  name: z.string().trim().min(1).max(255).optional(),
  industry: z.string().trim().max(100).optional(),
  website_url: z.url().max(500).optional(),
  timezone: z.string().refine(isTimeZone, "unknown time zone").default(DEFAULT_TIME_ZONE),
  locale: z.enum(["tr", "en"]).default("tr"),
}).strict();

/** What `POST /api/auth/login` accepts. */
export const LoginInput = z.object({
  email: Email,
  password: z.string().min(1).max(200),
  tenant_id: z.guid().optional(),
}).strict();

/** What `POST /api/team/invitations` accepts. */
export const InvitationInput = z.object({
  email: Email,
  role: z.enum(["owner", "staff"]).default("staff"),
}).strict();

/** What `POST /api/auth/accept-invite` accepts. */
export const AcceptInvitationInput = z.object({
  token: z.string().min(10).max(200),
  password: Password,
  name: z.string().trim().min(1).max(255).optional(),
}).strict();

/** A user as the API shows them. */
export interface User {
  id: string;
  email: string;
  name: string | null;
  locale: "tr" | "en";
  role: Role;
  created_at: Date;
  last_login_at: Date | null;
}

/** An access token and the refresh token that renews it. */
export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: "Bearer";
  expires_in: number;
}

/** A logged-in session: tokens, the user and their tenant. */
export interface Session extends TokenPair {
  user: User;
  tenant: Tenant;
}

async function getUser(tx: Tx, userId: string): Promise<User> {
  const [user] = await tx<User[]>`
    select u.id, u.email, u.name, u.locale, m.role, u.created_at, u.last_login_at
    from users u join memberships m on m.user_id = u.id
    where u.id = ${userId}`;
  if (!user) throw new NotFoundError("User");
  return user;
}

async function issueTokens(
  tx: Tx,
  signer: TokenSigner,
  userId: string,
  role: Role,
  familyId: string = crypto.randomUUID(),
): Promise<TokenPair> {
  const refresh = `rt_${randomToken(32)}`;
  await tx`
    insert into refresh_tokens (tenant_id, user_id, family_id, token_hash, expires_at)
    values (${tx.tenantId}, ${userId}, ${familyId}, ${await sha256Hex(refresh)},
      now() + make_interval(secs => ${REFRESH_TOKEN_TTL_SECONDS}))`;
  const access = await signer.sign(
    { sub: userId, tid: tx.tenantId, role },
    ACCESS_TOKEN_TTL_SECONDS,
  );
  return {
    access_token: access,
    refresh_token: refresh,
    token_type: "Bearer",
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
  };
}

/** Creates a business, its owner and a first publishable key, and logs the owner in. */
export async function signup(
  db: Db,
  input: z.infer<typeof SignupInput>,
  signer: TokenSigner,
  setup?: (tx: Tx) => Promise<void>,
): Promise<Session & { publishable_key: string }> {
  const passwordHash = await hashPassword(input.password);
  const tenantId = crypto.randomUUID();
  const userId = crypto.randomUUID();
  return await withTenant(db, tenantId, async (tx) => {
    await tx`
      insert into tenants (id, business_name, website_url, industry, timezone, locale)
      values (${tenantId}, ${input.business_name}, ${input.website_url ?? null},
        ${input.industry ?? null}, ${input.timezone}, ${input.locale})`;
    try {
      await tx.savepoint((sp) =>
        sp`insert into users (id, email, password_hash, name, locale)
          values (${userId}, ${input.email}, ${passwordHash}, ${
          input.name ?? null
        }, ${input.locale})`
      );
    } catch (err) {
      if ((err as { code?: string }).code === "23505") {
        throw new ConflictError(
          "Cannot sign up: an account with this e-mail already exists",
          "email_taken",
        );
      }
      throw err;
    }
    await tx`insert into memberships (tenant_id, user_id, role) values (${tenantId}, ${userId}, 'owner')`;
    const { key } = await createApiKey(
      tx,
      { kind: "publishable", name: "Web sitesi", allowed_origins: [] },
      userId,
    );
    if (setup) await setup(tx);
    const tokens = await issueTokens(tx, signer, userId, "owner");
    tx.emit({ type: "tenant.created" });
    return {
      ...tokens,
      user: await getUser(tx, userId),
      tenant: await getTenant(tx),
      publishable_key: key,
    };
  });
}

/** Logs a user in by e-mail and password, into the given or their first tenant. */
export async function login(
  db: Db,
  input: z.infer<typeof LoginInput>,
  signer: TokenSigner,
): Promise<Session & { memberships: { tenant_id: string; role: Role }[] }> {
  const rows = await db.sql<
    { user_id: string; password_hash: string; tenant_id: string | null; role: Role | null }[]
  >`select * from arma_lookup_login(${input.email})`;
  const ok = await verifyPassword(input.password, rows[0]?.password_hash ?? DUMMY_PASSWORD_HASH);
  const memberships = rows.filter((r) => r.tenant_id && r.role).map((r) => ({
    tenant_id: r.tenant_id!,
    role: r.role!,
  }));
  if (!rows[0] || !ok) {
    throw new UnauthorizedError(
      "Cannot log in: e-mail or password is wrong",
      "invalid_credentials",
    );
  }
  const chosen = input.tenant_id
    ? memberships.find((m) => m.tenant_id === input.tenant_id)
    : memberships[0];
  if (!chosen) {
    throw new ForbiddenError("Cannot log in: no access to this business", "no_membership");
  }
  const userId = rows[0].user_id;
  return await withTenant(db, chosen.tenant_id, async (tx) => {
    await tx`update users set last_login_at = now() where id = ${userId}`;
    const tokens = await issueTokens(tx, signer, userId, chosen.role);
    return { ...tokens, user: await getUser(tx, userId), tenant: await getTenant(tx), memberships };
  });
}

/**
 * Exchanges a refresh token for a new pair. A token is good once: presenting a used or revoked
 * token revokes its whole family, so a stolen token dies with the legitimate one.
 */
export async function refresh(db: Db, token: string, signer: TokenSigner): Promise<TokenPair> {
  const [found] = await db.sql<{ id: string; tenant_id: string; user_id: string }[]>`
    select * from arma_lookup_refresh_token(${await sha256Hex(token)})`;
  if (!found) throw new UnauthorizedError("Cannot refresh: token is not valid", "invalid_token");
  const outcome = await withTenant(db, found.tenant_id, async (tx) => {
    const [claimed] = await tx<{ family_id: string; expired: boolean }[]>`
      update refresh_tokens set used_at = now()
      where id = ${found.id} and used_at is null and revoked_at is null
      returning family_id, expires_at <= now() as expired`;
    if (!claimed) {
      await tx`
        update refresh_tokens set revoked_at = now()
        where family_id = (select family_id from refresh_tokens where id = ${found.id})
          and revoked_at is null`;
      return { reused: true as const };
    }
    if (claimed.expired) return { expired: true as const };
    const [member] = await tx<{ role: Role }[]>`
      select role from memberships where user_id = ${found.user_id}`;
    if (!member) return { expired: true as const };
    return { tokens: await issueTokens(tx, signer, found.user_id, member.role, claimed.family_id) };
  });
  if ("reused" in outcome) {
    throw new UnauthorizedError(
      "Cannot refresh: token was already used; all sessions of this login were ended",
      "refresh_token_reused",
    );
  }
  if ("expired" in outcome) {
    throw new UnauthorizedError("Cannot refresh: token has expired", "invalid_token");
  }
  return outcome.tokens;
}

/** Ends the session a refresh token belongs to (its whole family). Unknown tokens are ignored. */
export async function logout(db: Db, token: string): Promise<void> {
  const [found] = await db.sql<{ id: string; tenant_id: string }[]>`
    select * from arma_lookup_refresh_token(${await sha256Hex(token)})`;
  if (!found) return;
  await withTenant(db, found.tenant_id, async (tx) => {
    await tx`
      update refresh_tokens set revoked_at = now()
      where family_id = (select family_id from refresh_tokens where id = ${found.id})
        and revoked_at is null`;
  });
}

/** A pending or accepted invitation, without its token. */
export interface Invitation {
  id: string;
  email: string;
  role: Role;
  expires_at: Date;
  accepted_at: Date | null;
  created_at: Date;
}

/** Invites a person to the tenant; the returned token goes into the invitation link. */
export async function createInvitation(
  tx: Tx,
  input: z.infer<typeof InvitationInput>,
  invitedBy: string | null,
): Promise<{ invitation: Invitation; token: string }> {
  const [member] = await tx`
    select 1 from users u join memberships m on m.user_id = u.id
    where lower(u.email) = ${input.email}`;
  if (member) {
    throw new ConflictError("Cannot invite: this person is already on the team", "already_member");
  }
  const token = `inv_${randomToken(24)}`;
  const [invitation] = await tx<Invitation[]>`
    insert into invitations (tenant_id, email, role, token_hash, invited_by, expires_at)
    values (${tx.tenantId}, ${input.email}, ${input.role}, ${await sha256Hex(token)}, ${invitedBy},
      now() + make_interval(secs => ${INVITATION_TTL_SECONDS}))
    returning id, email, role, expires_at, accepted_at, created_at`;
  return { invitation: invitation!, token };
}

/** Accepts an invitation: creates the user (or checks an existing user's password) and logs in. */
export async function acceptInvitation(
  db: Db,
  input: z.infer<typeof AcceptInvitationInput>,
  signer: TokenSigner,
): Promise<Session> {
  const [found] = await db.sql<{ id: string; tenant_id: string }[]>`
    select * from arma_lookup_invitation(${await sha256Hex(input.token)})`;
  if (!found) throw new NotFoundError("Invitation", "invitation_not_found");
  const invitation = await withTenant(db, found.tenant_id, async (tx) => {
    const [row] = await tx<(Invitation & { expired: boolean })[]>`
      select id, email, role, expires_at, accepted_at, created_at, expires_at <= now() as expired
      from invitations where id = ${found.id}`;
    return row!;
  });
  if (invitation.accepted_at || invitation.expired) {
    throw new ConflictError(
      "Cannot join: this invitation was used or has expired",
      "invitation_used",
    );
  }
  const [existing] = await db.sql<{ user_id: string; password_hash: string }[]>`
    select user_id, password_hash from arma_lookup_login(${invitation.email}) limit 1`;
  if (existing && !(await verifyPassword(input.password, existing.password_hash))) {
    throw new UnauthorizedError(
      "Cannot join: an account with this e-mail exists; enter its password",
      "invalid_credentials",
    );
  }
  const userId = existing?.user_id ?? crypto.randomUUID();
  const passwordHash = existing ? null : await hashPassword(input.password);
  return await withTenant(db, found.tenant_id, async (tx) => {
    const [claimed] = await tx`
      update invitations set accepted_at = now()
      where id = ${found.id} and accepted_at is null and expires_at > now() returning id`;
    if (!claimed) {
      throw new ConflictError(
        "Cannot join: this invitation was used or has expired",
        "invitation_used",
      );
    }
    if (passwordHash) {
      await tx`insert into users (id, email, password_hash, name)
        values (${userId}, ${invitation.email}, ${passwordHash}, ${input.name ?? null})`;
    }
    await tx`insert into memberships (tenant_id, user_id, role)
      values (${tx.tenantId}, ${userId}, ${invitation.role}) on conflict do nothing`;
    const tokens = await issueTokens(tx, signer, userId, invitation.role);
    return { ...tokens, user: await getUser(tx, userId), tenant: await getTenant(tx) };
  });
}

/** Lists the team: members and pending invitations. */
export async function listTeam(tx: Tx): Promise<{ members: User[]; invitations: Invitation[] }> {
  const members = await tx<User[]>`
    select u.id, u.email, u.name, u.locale, m.role, u.created_at, u.last_login_at
    from users u join memberships m on m.user_id = u.id order by m.created_at, u.id`;
  const invitations = await tx<Invitation[]>`
    select id, email, role, expires_at, accepted_at, created_at from invitations
    where accepted_at is null and expires_at > now() order by created_at desc`;
  return { members, invitations };
}

/** Withdraws a pending invitation. */
export async function deleteInvitation(tx: Tx, id: string): Promise<void> {
  const [row] =
    await tx`delete from invitations where id = ${id} and accepted_at is null returning id`;
  if (!row) throw new NotFoundError("Invitation");
}

async function ownersBesides(tx: Tx, userId: string): Promise<number> {
  const [row] = await tx<{ n: number }[]>`
    select count(*)::int as n from memberships where role = 'owner' and user_id <> ${userId}`;
  return row!.n;
}

/** Changes a member's role; the last owner stays an owner. */
export async function setMemberRole(tx: Tx, userId: string, role: Role): Promise<User> {
  const [row] = await tx`select role from memberships where user_id = ${userId} for update`;
  if (!row) throw new NotFoundError("Team member");
  if (role !== "owner" && row.role === "owner" && (await ownersBesides(tx, userId)) === 0) {
    throw new ConflictError(
      "Cannot change role: the business needs at least one owner",
      "last_owner",
    );
  }
  await tx`update memberships set role = ${role} where user_id = ${userId}`;
  await tx`update refresh_tokens set revoked_at = now() where user_id = ${userId} and revoked_at is null`;
  return await getUser(tx, userId);
}

/** Removes a member from the team and ends their sessions; the last owner stays. */
export async function removeMember(tx: Tx, userId: string): Promise<void> {
  const [row] = await tx`select role from memberships where user_id = ${userId} for update`;
  if (!row) throw new NotFoundError("Team member");
  if (row.role === "owner" && (await ownersBesides(tx, userId)) === 0) {
    throw new ConflictError("Cannot remove: the business needs at least one owner", "last_owner");
  }
  await tx`update refresh_tokens set revoked_at = now() where user_id = ${userId} and revoked_at is null`;
  await tx`delete from memberships where user_id = ${userId}`;
}

/** Returns the current user's profile within the tenant. */
export async function getCurrentUser(tx: Tx, userId: string): Promise<User> {
  return await getUser(tx, userId);
}
