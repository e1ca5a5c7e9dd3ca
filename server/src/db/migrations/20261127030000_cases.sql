-- Cases (案件, issue 4): the category catalogue, the case record with its lifecycle, the timeline of
-- every move, the departments a case is dispatched to, evidence photos, and idempotency keys.

-- 案件分类 and 权责清单: one row per subcategory, with what it inherits resolved (department, time
-- limits per step, urgency, duplicate radius). Seeded per jurisdiction from the catalogue
-- (modules/cases/data/categories.ts) by seedCaseCategories; codes are data, not constants.
create table case_category (
  jurisdiction_id bigint not null references jurisdiction(id),
  code text not null,
  name text not null,
  major_code text not null,
  major_name text not null,
  kind text not null check (kind in ('component', 'event', 'grid_work')),
  department_code text not null,        -- who answers when escalated (department.code)
  urgent boolean not null,
  limits jsonb not null,                -- { step: { amount, unit } } for every CaseStep
  duplicate_radius_m integer not null check (duplicate_radius_m > 0),
  active boolean not null default true,
  primary key (jurisdiction_id, code)
);

-- 案件. `state` is the lifecycle state (case.lifecycle.ts CaseState) as jsonb; `status` repeats its
-- status for filtering. Places are resolved at intake and keep pointing at the unit even after it is
-- split or merged. `clocks` holds the running time limits; step_* repeat the one due first, with the
-- instant it turns yellow (80 %), so that lists filter and sort by light in SQL.
create table case_record (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  tracking_code text not null,          -- public, unguessable (10 characters of Crockford base32)
  category_code text not null,
  description text not null,
  lng double precision not null,        -- WGS-84
  lat double precision not null,
  address text,
  unit_id bigint not null,
  grid_id bigint not null,
  community_id bigint not null,
  subdistrict_id bigint not null,
  status text not null,
  state jsonb not null,
  reporter_account_id bigint,
  anonymous boolean not null default false,
  channel text not null check (channel in ('resident', 'rider', 'grid_worker', 'hotline', 'api')),
  rating text check (rating in ('satisfied', 'basically_satisfied', 'dissatisfied')),
  clocks jsonb not null default '[]',
  step text,
  step_department text,
  step_unit text check (step_unit in ('urgent_hour', 'work_hour', 'work_day', 'natural_day')),
  step_started_at timestamptz,
  step_yellow_at timestamptz,
  step_deadline timestamptz,
  reported_at timestamptz not null,
  updated_at timestamptz not null,
  closed_at timestamptz,
  version integer not null default 1,
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, category_code) references case_category (jurisdiction_id, code),
  foreign key (jurisdiction_id, unit_id) references territory_place (jurisdiction_id, id),
  foreign key (jurisdiction_id, grid_id) references territory_place (jurisdiction_id, id),
  foreign key (jurisdiction_id, community_id) references territory_place (jurisdiction_id, id),
  foreign key (jurisdiction_id, subdistrict_id) references territory_place (jurisdiction_id, id),
  foreign key (jurisdiction_id, reporter_account_id) references account (jurisdiction_id, id),
  check ((step is null) = (step_deadline is null))
);
create unique index case_record_tracking_code_idx on case_record (tracking_code);
create index case_record_grid_idx on case_record (jurisdiction_id, grid_id, step_deadline);
create index case_record_community_idx on case_record (jurisdiction_id, community_id, step_deadline);
create index case_record_subdistrict_idx on case_record (jurisdiction_id, subdistrict_id, step_deadline);
create index case_record_reporter_idx on case_record (jurisdiction_id, reporter_account_id)
  where reporter_account_id is not null;
create index case_record_deadline_idx on case_record (jurisdiction_id, step_deadline) where step_deadline is not null;

-- 办理过程: every move, in the transaction of the move.
create table case_timeline (
  jurisdiction_id bigint not null,
  id bigint generated always as identity,
  case_id bigint not null,
  at timestamptz not null,
  actor_account_id bigint,              -- null for the scheduled jobs (system)
  actor_name text,
  actor_role text not null,
  event text not null,                  -- 'report' for the intake, else a CaseEventType
  department_code text,                 -- the department a department move was made for
  from_status text,
  to_status text not null,
  note text,
  photo_ids text[] not null default '{}',
  effects jsonb not null default '[]',
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, case_id) references case_record (jurisdiction_id, id),
  foreign key (jurisdiction_id, actor_account_id) references account (jurisdiction_id, id)
);
create index case_timeline_case_idx on case_timeline (jurisdiction_id, case_id, id);

-- 派遣: one row per department per dispatch. Rows of the current dispatch have closed_at null; a
-- decline, a replacement or a new dispatch closes them. Department staff see the cases they have a
-- row for.
create table case_department_task (
  jurisdiction_id bigint not null,
  id bigint generated always as identity,
  case_id bigint not null,
  department_id bigint not null,
  status text not null check (status in ('dispatched', 'acknowledged', 'reported_back', 'declined', 'replaced')),
  dispatched_at timestamptz not null,
  acknowledged_at timestamptz,
  reported_back_at timestamptz,
  closed_at timestamptz,
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, case_id) references case_record (jurisdiction_id, id),
  foreign key (jurisdiction_id, department_id) references department (jurisdiction_id, id)
);
create unique index case_department_task_current_idx on case_department_task (jurisdiction_id, case_id, department_id)
  where closed_at is null;
create index case_department_task_department_idx on case_department_task (jurisdiction_id, department_id, case_id);

-- 照片: uploaded first (case_id null), then attached to a report or a move by the uploader. The
-- stored file is re-encoded without metadata under a generated name; only the server reads it.
create table case_photo (
  jurisdiction_id bigint not null,
  id text not null,                     -- random, also the stored file name
  case_id bigint,
  uploaded_by bigint not null,
  uploaded_at timestamptz not null,
  mime text not null,
  bytes integer not null,
  width integer not null,
  height integer not null,
  thumbnail_bytes integer not null,
  sha256 text not null,                 -- of the stored (re-encoded) file
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, case_id) references case_record (jurisdiction_id, id),
  foreign key (jurisdiction_id, uploaded_by) references account (jurisdiction_id, id)
);
create index case_photo_case_idx on case_photo (jurisdiction_id, case_id) where case_id is not null;

-- Idempotency-Key of a report, per account: claimed by inserting first (the primary key serialises
-- parallel retries), answered from `response` once the case is committed.
create table case_idempotency (
  jurisdiction_id bigint not null,
  account_id bigint not null,
  key text not null,
  request_hash text not null,
  case_id bigint,
  response jsonb,
  created_at timestamptz not null,
  primary key (jurisdiction_id, account_id, key),
  foreign key (jurisdiction_id, account_id) references account (jurisdiction_id, id),
  foreign key (jurisdiction_id, case_id) references case_record (jurisdiction_id, id)
);
