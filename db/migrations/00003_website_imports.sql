-- Website imports: what the assistant learns from the business's own site, with progress.

create table website_imports (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  url text not null,
  crawler varchar(20) not null,
  status varchar(20) not null default 'queued'
    check (status in ('queued', 'running', 'done', 'failed')),
  page_limit integer not null,
  pages_found integer not null default 0,
  pages_done integer not null default 0,
  chunks integer not null default 0,
  error text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz
);
create index website_imports_tenant on website_imports (tenant_id, created_at desc);
select arma_protect('website_imports');
