-- Arma core schema: the seed document's tables plus accounts, keys, staff, jobs and the tenant
-- isolation that every tenant-owned table carries.

create extension if not exists btree_gist;

-- The role every request runs as. It has no BYPASSRLS and is not a superuser.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'arma_app') then
    create role arma_app nologin;
  end if;
end
$$;
grant arma_app to current_user;
grant usage on schema public to arma_app;
grant select on schema_migrations to arma_app;

-- Turns on row-level security for a tenant-owned table: rows are visible only inside the tenant's
-- transaction. The migration user keeps access so that the narrow SECURITY DEFINER lookups below
-- work where it is the table owner rather than a superuser.
create or replace function arma_protect(tbl regclass) returns void
language plpgsql as $$
begin
  execute format('alter table %s enable row level security', tbl);
  execute format('alter table %s force row level security', tbl);
  execute format('drop policy if exists tenant_isolation on %s', tbl);
  execute format(
    'create policy tenant_isolation on %s '
    'using (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid) '
    'with check (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)', tbl);
  execute format('drop policy if exists system_access on %s', tbl);
  execute format('create policy system_access on %s to %I using (true) with check (true)',
    tbl, current_user);
  execute format('grant select, insert, update, delete on %s to arma_app', tbl);
end
$$;

-- Folds text for search: Turkish letters to ASCII, lower case, whatever the database locale.
create or replace function arma_fold(t text) returns text
language sql immutable parallel safe as $$
  select lower(translate(coalesce(t, ''), 'İIıŞşĞğÜüÖöÇçÂâÎîÛû', 'iiissgguuooccaaiiuu'))
$$;

-- Tenants (businesses)
create table tenants (
  id uuid primary key default gen_random_uuid(),
  business_name varchar(255) not null,
  website_url varchar(500),
  industry varchar(100),
  settings jsonb not null default '{}'::jsonb,
  timezone text not null default 'Europe/Istanbul',
  locale text not null default 'tr' check (locale in ('tr', 'en')),
  currency char(3) not null default 'TRY',
  phone varchar(32),
  email varchar(255),
  address jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table tenants enable row level security;
alter table tenants force row level security;
create policy tenant_isolation on tenants
  using (id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (id = nullif(current_setting('app.tenant_id', true), '')::uuid);
create policy system_access on tenants to current_user using (true) with check (true);
grant select, insert, update on tenants to arma_app;

-- Users log in; memberships tie them to tenants with a role.
create table users (
  id uuid primary key,
  email varchar(255) not null,
  password_hash text not null,
  name varchar(255),
  locale text not null default 'tr' check (locale in ('tr', 'en')),
  created_at timestamptz not null default now(),
  last_login_at timestamptz
);
create unique index users_email_key on users (lower(email));

create table memberships (
  tenant_id uuid not null references tenants(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  role text not null check (role in ('owner', 'staff')),
  created_at timestamptz not null default now(),
  primary key (tenant_id, user_id)
);
create index memberships_user on memberships (user_id);
select arma_protect('memberships');

-- A user is visible inside a tenant only when they are a member of it.
alter table users enable row level security;
alter table users force row level security;
create policy member_select on users for select
  using (exists (select 1 from memberships m where m.user_id = users.id));
create policy member_update on users for update
  using (exists (select 1 from memberships m where m.user_id = users.id));
create policy anyone_insert on users for insert with check (true);
create policy system_access on users to current_user using (true) with check (true);
grant select, insert, update on users to arma_app;

create table invitations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  email varchar(255) not null,
  role text not null check (role in ('owner', 'staff')),
  token_hash text not null unique,
  invited_by uuid references users(id) on delete set null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  created_at timestamptz not null default now()
);
create index invitations_tenant on invitations (tenant_id);
select arma_protect('invitations');

create table refresh_tokens (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  family_id uuid not null,
  token_hash text not null unique,
  expires_at timestamptz not null,
  used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);
create index refresh_tokens_family on refresh_tokens (family_id);
select arma_protect('refresh_tokens');

create table api_keys (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  kind text not null check (kind in ('publishable', 'secret')),
  name varchar(100) not null,
  prefix varchar(24) not null,
  key_hash text not null unique,
  allowed_origins text[] not null default '{}',
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_keys_tenant on api_keys (tenant_id);
select arma_protect('api_keys');

-- Staff members, their weekly hours and their time off.
create table staff_members (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  name varchar(255) not null,
  title varchar(255),
  email varchar(255),
  phone varchar(32),
  color varchar(16),
  user_id uuid references users(id) on delete set null,
  is_active boolean not null default true,
  calendar_token_hash text unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index staff_members_tenant on staff_members (tenant_id);
select arma_protect('staff_members');

create table staff_working_hours (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  staff_id uuid not null references staff_members(id) on delete cascade,
  weekday smallint not null check (weekday between 1 and 7),
  start_time time not null,
  end_time time not null,
  check (start_time < end_time)
);
create index staff_working_hours_staff on staff_working_hours (staff_id, weekday);
select arma_protect('staff_working_hours');

create table staff_time_off (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  staff_id uuid not null references staff_members(id) on delete cascade,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  reason varchar(255),
  created_at timestamptz not null default now(),
  check (starts_at < ends_at)
);
create index staff_time_off_staff on staff_time_off (staff_id, starts_at);
select arma_protect('staff_time_off');

-- Offerings: services and products in one table, as the seed document has them.
create table offerings (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  name varchar(255) not null,
  description text,
  offering_type varchar(50) not null check (offering_type in ('service', 'product')),
  category varchar(100),
  price numeric(12,2) not null check (price >= 0),
  currency varchar(3) not null default 'TRY',
  meta_info jsonb not null default '{}'::jsonb,
  is_active boolean not null default true,
  search_text text generated always as (
    arma_fold(name || ' ' || coalesce(category, '') || ' ' || coalesce(description, ''))
  ) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint offerings_stock_not_negative check (
    offering_type <> 'product' or coalesce((meta_info->>'stock_quantity')::int, 0) >= 0
  )
);
create index idx_offerings_tenant on offerings (tenant_id, created_at desc, id desc);
create index idx_offerings_type on offerings (offering_type);
create index idx_offerings_active on offerings (is_active) where is_active = true;
create index idx_offerings_meta on offerings using gin (meta_info);
select arma_protect('offerings');

-- Conversations and their messages.
create table conversations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  customer_identifier varchar(255),
  customer_name varchar(255),
  customer_phone varchar(32),
  customer_email varchar(255),
  channel varchar(50) not null default 'web' check (channel in ('web', 'arma', 'whatsapp')),
  status varchar(50) not null default 'active' check (status in ('active', 'handover', 'closed')),
  locale text not null default 'tr' check (locale in ('tr', 'en')),
  token_hash text,
  device_id uuid,
  handover_reason text,
  state jsonb not null default '{}'::jsonb,
  started_at timestamptz not null default now(),
  last_message_at timestamptz not null default now(),
  ended_at timestamptz
);
create index conversations_tenant on conversations (tenant_id, last_message_at desc);
select arma_protect('conversations');

create table messages (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  conversation_id uuid not null references conversations(id) on delete cascade,
  seq bigint not null,
  role varchar(50) not null check (role in ('user', 'assistant', 'system', 'staff')),
  content text not null,
  metadata jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);
create unique index messages_conversation on messages (conversation_id, seq);
select arma_protect('messages');

-- Appointments: the seed's fields plus staff, exact times, confirmation code and channel.
create table appointments (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  offering_id uuid not null references offerings(id),
  staff_id uuid references staff_members(id),
  customer_name varchar(255) not null,
  customer_phone varchar(50) not null,
  customer_email varchar(255),
  scheduled_date date not null,
  scheduled_time time not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  blocked tstzrange not null,
  status varchar(50) not null default 'confirmed'
    check (status in ('pending', 'confirmed', 'completed', 'cancelled', 'no_show')),
  confirmation_code char(6) not null,
  channel varchar(50) not null default 'dashboard'
    check (channel in ('web', 'arma', 'whatsapp', 'dashboard', 'api')),
  conversation_id uuid references conversations(id) on delete set null,
  price numeric(12,2) not null default 0,
  notes text,
  cancelled_at timestamptz,
  cancel_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (starts_at < ends_at),
  unique (tenant_id, confirmation_code),
  constraint appointments_no_double_booking exclude using gist (
    staff_id with =, blocked with &&
  ) where (status <> 'cancelled' and staff_id is not null)
);
create index appointments_tenant_time on appointments (tenant_id, starts_at);
create index appointments_offering_time on appointments (offering_id, starts_at);
create index appointments_phone on appointments (tenant_id, customer_phone);
select arma_protect('appointments');

-- Orders and their lines.
create table orders (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  order_number varchar(20) not null,
  customer_name varchar(255) not null,
  customer_phone varchar(50) not null,
  customer_email varchar(255),
  subtotal_net numeric(12,2) not null default 0,
  tax_total numeric(12,2) not null default 0,
  shipping_cost numeric(12,2) not null default 0,
  total_amount numeric(12,2) not null,
  currency varchar(3) not null default 'TRY',
  status varchar(50) not null default 'pending'
    check (status in ('pending', 'paid', 'shipped', 'delivered', 'cancelled')),
  payment_method varchar(50) not null,
  payment_status varchar(50) not null default 'unpaid',
  payment_provider varchar(50),
  payment_reference text,
  payment_link text,
  shipping_address jsonb,
  notes text,
  channel varchar(50) not null default 'api',
  conversation_id uuid references conversations(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, order_number)
);
create index orders_tenant_created on orders (tenant_id, created_at desc);
select arma_protect('orders');

create table order_items (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  order_id uuid not null references orders(id) on delete cascade,
  offering_id uuid not null references offerings(id),
  name varchar(255) not null,
  quantity integer not null check (quantity > 0),
  unit_price numeric(12,2) not null,
  tax_rate numeric(5,4) not null,
  net_amount numeric(12,2) not null,
  tax_amount numeric(12,2) not null,
  total_price numeric(12,2) not null
);
create index order_items_order on order_items (order_id);
create index order_items_offering on order_items (offering_id);
select arma_protect('order_items');

create table stock_movements (
  id bigint generated always as identity primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  offering_id uuid not null references offerings(id) on delete cascade,
  delta integer not null,
  balance integer not null,
  reason varchar(50) not null,
  order_id uuid references orders(id) on delete set null,
  actor_user_id uuid,
  created_at timestamptz not null default now()
);
create index stock_movements_offering on stock_movements (offering_id, created_at);
select arma_protect('stock_movements');

-- ARMA devices.
create table devices (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  serial_number varchar(50) unique not null,
  firmware_version varchar(20),
  status varchar(20) not null default 'offline' check (status in ('online', 'offline', 'charging')),
  battery_level integer check (battery_level between 0 and 100),
  location varchar(255),
  last_seen timestamptz,
  last_interaction timestamptz,
  config jsonb not null default '{}'::jsonb,
  token_hash text unique,
  created_at timestamptz not null default now()
);
select arma_protect('devices');

create table device_usage (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  device_id uuid not null references devices(id) on delete cascade,
  interaction_type varchar(50) not null check (interaction_type in ('voice', 'button')),
  duration_seconds integer,
  success boolean,
  created_at timestamptz not null default now()
);
create index device_usage_device on device_usage (device_id, created_at);
select arma_protect('device_usage');

create table firmware_releases (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  version varchar(20) not null,
  url text not null,
  size_bytes integer not null,
  sha256 char(64) not null,
  signature text not null,
  notes text,
  created_at timestamptz not null default now(),
  unique (tenant_id, version)
);
select arma_protect('firmware_releases');

-- What the business's website says, for search_knowledge.
create table knowledge_chunks (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  source_url text not null,
  title text,
  content text not null,
  search_text text generated always as (arma_fold(coalesce(title, '') || ' ' || content)) stored,
  created_at timestamptz not null default now()
);
create index knowledge_chunks_tenant on knowledge_chunks (tenant_id);
select arma_protect('knowledge_chunks');

-- Replays of requests that carried an idempotency key.
create table idempotency_keys (
  tenant_id uuid not null references tenants(id) on delete cascade,
  key varchar(255) not null,
  scope varchar(50) not null,
  request_hash text not null,
  status_code integer,
  response jsonb,
  created_at timestamptz not null default now(),
  primary key (tenant_id, scope, key)
);
select arma_protect('idempotency_keys');

-- The outbox: side effects written with the change that causes them.
create table jobs (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  kind varchar(100) not null,
  payload jsonb not null default '{}'::jsonb,
  status varchar(20) not null default 'pending'
    check (status in ('pending', 'running', 'done', 'dead')),
  attempts integer not null default 0,
  max_attempts integer not null default 8,
  run_at timestamptz not null default now(),
  locked_at timestamptz,
  locked_by text,
  last_error text,
  idempotency_key text not null default gen_random_uuid()::text,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index jobs_due on jobs (run_at) where status = 'pending';
create index jobs_running on jobs (locked_at) where status = 'running';
create index jobs_tenant on jobs (tenant_id, created_at desc);
select arma_protect('jobs');

create table notifications (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  kind varchar(50) not null,
  title text not null,
  body text,
  data jsonb not null default '{}'::jsonb,
  read_at timestamptz,
  created_at timestamptz not null default now()
);
create index notifications_tenant on notifications (tenant_id, created_at desc);
select arma_protect('notifications');

create table audit_log (
  id bigint generated always as identity primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  actor_kind varchar(20) not null,
  actor_id uuid,
  action varchar(100) not null,
  entity varchar(50) not null,
  entity_id uuid,
  data jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);
create index audit_log_tenant on audit_log (tenant_id, created_at desc);
select arma_protect('audit_log');

grant usage on all sequences in schema public to arma_app;

-- Narrow cross-tenant lookups. Each answers one question and nothing more.
create or replace function arma_lookup_api_key(p_hash text)
returns table (id uuid, tenant_id uuid, kind text, allowed_origins text[], revoked boolean)
language sql stable security definer set search_path = public, pg_temp as $$
  select k.id, k.tenant_id, k.kind, k.allowed_origins, k.revoked_at is not null
  from api_keys k where k.key_hash = p_hash
$$;

create or replace function arma_lookup_login(p_email text)
returns table (user_id uuid, password_hash text, tenant_id uuid, role text)
language sql stable security definer set search_path = public, pg_temp as $$
  select u.id, u.password_hash, m.tenant_id, m.role
  from users u left join memberships m on m.user_id = u.id
  where lower(u.email) = lower(p_email)
  order by m.created_at
$$;

create or replace function arma_lookup_refresh_token(p_hash text)
returns table (id uuid, tenant_id uuid, user_id uuid)
language sql stable security definer set search_path = public, pg_temp as $$
  select r.id, r.tenant_id, r.user_id from refresh_tokens r where r.token_hash = p_hash
$$;

create or replace function arma_lookup_invitation(p_hash text)
returns table (id uuid, tenant_id uuid)
language sql stable security definer set search_path = public, pg_temp as $$
  select i.id, i.tenant_id from invitations i where i.token_hash = p_hash
$$;

create or replace function arma_claim_jobs(p_worker text, p_limit integer, p_lease_seconds integer,
  p_tenant uuid default null)
returns setof jobs
language sql volatile security definer set search_path = public, pg_temp as $$
  update jobs set status = 'running', locked_at = now(), locked_by = p_worker,
    attempts = attempts + 1
  where id in (
    select j.id from jobs j
    where ((j.status = 'pending' and j.run_at <= now())
       or (j.status = 'running' and j.locked_at < now() - make_interval(secs => p_lease_seconds)))
      and (p_tenant is null or j.tenant_id = p_tenant)
    order by j.run_at
    limit p_limit
    for update skip locked
  )
  returning *
$$;

revoke all on function arma_lookup_api_key(text) from public;
revoke all on function arma_lookup_login(text) from public;
revoke all on function arma_lookup_refresh_token(text) from public;
revoke all on function arma_lookup_invitation(text) from public;
revoke all on function arma_claim_jobs(text, integer, integer, uuid) from public;
grant execute on function arma_lookup_api_key(text) to arma_app;
grant execute on function arma_lookup_login(text) to arma_app;
grant execute on function arma_lookup_refresh_token(text) to arma_app;
grant execute on function arma_lookup_invitation(text) to arma_app;
grant execute on function arma_claim_jobs(text, integer, integer, uuid) to arma_app;
