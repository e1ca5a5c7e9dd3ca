-- Accounts, sessions and departments (access), and a tamper-evident, append-only audit log.

-- 部门: the 37 departments and enforcement forces that answer escalations (and own legacy layers).
create table department (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  code text not null,
  name text not null,
  kind text not null default 'department' check (kind in ('department', 'enforcement', 'party')),
  primary key (jurisdiction_id, id),
  unique (jurisdiction_id, code)
);

-- 账号: a person who signs in. The scope says where the role applies: a place (territory_place id),
-- a department, or only the account's own records (a resident).
create table account (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  username text not null,
  display_name text not null,
  role text not null,
  scope_level text not null check (scope_level in ('jurisdiction', 'subdistrict', 'community', 'grid', 'building', 'department', 'self')),
  scope_id bigint,
  password_hash text not null,
  password_changed_at timestamptz not null,
  must_change_password boolean not null default false,
  status text not null default 'active' check (status in ('active', 'disabled')),
  failed_attempts integer not null default 0,
  locked_until timestamptz,
  totp_secret text,                     -- encrypted; null when the account has no second factor
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (jurisdiction_id, id)
);
-- Sign-in does not know the jurisdiction yet, so usernames are unique across the instance.
create unique index account_username_idx on account (lower(username));

-- 会话: the server keeps only a hash of the token the cookie carries.
create table session (
  token_hash text primary key,
  jurisdiction_id bigint not null,
  account_id bigint not null,
  csrf_token text not null,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null,      -- absolute limit
  ended_at timestamptz,
  end_reason text,
  ip text,
  user_agent text,
  foreign key (jurisdiction_id, account_id) references account (jurisdiction_id, id)
);
create index session_account_idx on session (jurisdiction_id, account_id) where ended_at is null;

-- The audit log gains who (role), how it ended (result), from where (ip), and a hash chain.
alter table audit_event add column role text;
alter table audit_event add column result text not null default 'ok';
alter table audit_event add column ip text;
alter table audit_event add column prev_hash text;
alter table audit_event add column hash text;
create index audit_event_at_idx on audit_event (at);
create index audit_event_actor_idx on audit_event (actor, at);

-- Each entry's digest covers its content and the previous entry's digest: editing, removing or
-- reordering a row breaks the chain at that row.
create function audit_event_digest(e audit_event, previous text) returns text
language sql immutable as $$
  select encode(sha256(convert_to(concat_ws('|',
    coalesce(previous, ''),
    to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
    coalesce(e.jurisdiction_id::text, ''), e.actor, coalesce(e.role, ''), e.action, e.subject_type,
    coalesce(e.subject_id, ''), e.result, coalesce(e.ip, ''), coalesce(e.request_id, ''), e.details::text
  ), 'UTF8')), 'hex')
$$;

-- Seal the rows written before the chain existed, in order.
do $$
declare
  row_ audit_event;
  previous text := null;
begin
  for row_ in select * from audit_event order by id loop
    update audit_event set prev_hash = previous, hash = audit_event_digest(row_, previous) where id = row_.id
      returning hash into previous;
  end loop;
end
$$;
alter table audit_event alter column hash set not null;

-- Appends are serialised (one chain) and hashed in the database, whoever writes them.
create function audit_event_chain() returns trigger language plpgsql as $$
begin
  perform pg_advisory_xact_lock(7306812229);
  select hash into new.prev_hash from audit_event order by id desc limit 1;
  new.hash := audit_event_digest(new, new.prev_hash);
  return new;
end
$$;
create trigger audit_event_chain before insert on audit_event for each row execute function audit_event_chain();

-- Append-only: the application cannot change or remove an entry. (Retention: entries are kept at
-- least 184 days; purging older ones is a database administrator's job with this trigger disabled.)
create function audit_event_forbid_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_event_append_only before update or delete on audit_event
  for each row execute function audit_event_forbid_change();
create trigger audit_event_no_truncate before truncate on audit_event
  for each statement execute function audit_event_forbid_change();

-- Failed sign-ins per username, whether or not the account exists (so a lockout reveals nothing).
create table login_throttle (
  username_key text primary key,
  failures integer not null default 0,
  locked_until timestamptz,
  updated_at timestamptz not null
);
