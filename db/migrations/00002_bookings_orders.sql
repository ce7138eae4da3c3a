-- Appointments and orders: slot holds, order lifecycle columns, counters, payment events, the SMS
-- log, and the lookup behind each staff member's calendar feed.

alter table appointments add column cancelled_by varchar(20)
  check (cancelled_by in ('customer', 'business'));
alter table appointments add column staff_chosen boolean not null default false;
create index appointments_offering_blocked on appointments using gist (offering_id, blocked)
  where status <> 'cancelled';
create index appointments_tenant_blocked on appointments using gist (tenant_id, blocked)
  where status <> 'cancelled';

alter table orders add column delivery varchar(20) not null default 'shipping'
  check (delivery in ('shipping', 'pickup'));
alter table orders add column payment_expires_at timestamptz;
alter table orders add column payment_instructions text;
alter table orders add column paid_at timestamptz;
alter table orders add column shipped_at timestamptz;
alter table orders add column delivered_at timestamptz;
alter table orders add column cancelled_at timestamptz;
alter table orders add column locale text not null default 'tr' check (locale in ('tr', 'en'));

-- A slot offered to a customer, kept for a few minutes while they finish booking.
create table slot_holds (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  offering_id uuid not null references offerings(id) on delete cascade,
  staff_id uuid references staff_members(id) on delete cascade,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  blocked tstzrange not null,
  holder varchar(255) not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index slot_holds_live on slot_holds (tenant_id, expires_at);
select arma_protect('slot_holds');

-- Per-tenant counters (order numbers).
create table tenant_counters (
  tenant_id uuid not null references tenants(id) on delete cascade,
  name varchar(50) not null,
  value bigint not null default 0,
  primary key (tenant_id, name)
);
select arma_protect('tenant_counters');

-- Provider events already handled, so a redelivered webhook changes nothing twice.
create table payment_events (
  tenant_id uuid not null references tenants(id) on delete cascade,
  provider varchar(20) not null,
  event_id varchar(255) not null,
  order_id uuid references orders(id) on delete set null,
  status varchar(20) not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, provider, event_id)
);
select arma_protect('payment_events');

-- Every SMS, whatever the provider: the outbox the business sees, with delivery states.
create table sms_messages (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  to_phone varchar(32) not null,
  body text not null,
  template varchar(50) not null,
  locale text not null default 'tr',
  status varchar(20) not null default 'queued'
    check (status in ('queued', 'outbox', 'sent', 'delivered', 'failed', 'undelivered')),
  provider varchar(20),
  provider_id varchar(255),
  error text,
  appointment_id uuid references appointments(id) on delete set null,
  order_id uuid references orders(id) on delete set null,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  updated_at timestamptz not null default now()
);
create index sms_messages_tenant on sms_messages (tenant_id, created_at desc);
create index sms_messages_provider on sms_messages (provider, provider_id);
select arma_protect('sms_messages');

create or replace function arma_lookup_calendar(p_hash text)
returns table (tenant_id uuid, staff_id uuid)
language sql stable security definer set search_path = public, pg_temp as $$
  select s.tenant_id, s.id from staff_members s where s.calendar_token_hash = p_hash and s.is_active
$$;

-- Stripe and iyzico outcomes carry the tenant; Twilio's status callbacks carry only its own id.
create or replace function arma_lookup_sms(p_provider text, p_provider_id text)
returns table (tenant_id uuid, id uuid)
language sql stable security definer set search_path = public, pg_temp as $$
  select m.tenant_id, m.id from sms_messages m
  where m.provider = p_provider and m.provider_id = p_provider_id
$$;

revoke all on function arma_lookup_calendar(text) from public;
revoke all on function arma_lookup_sms(text, text) from public;
grant execute on function arma_lookup_calendar(text) to arma_app;
grant execute on function arma_lookup_sms(text, text) to arma_app;
