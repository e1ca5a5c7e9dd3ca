-- Deliberation (网格善治会, 双线七议两公开): per-jurisdiction templates of ordered steps (versioned,
-- a running matter keeps its version), matters in grids, each step's record (online posts and
-- comments, offline meetings), one vote per household, and the grid's public notices.

-- A jurisdiction's template, one row per version; the newest applies to new matters. Until a
-- jurisdiction stores one, the built-in default is written as version 1 on first use.
create table deliberation_template (
  jurisdiction_id bigint not null references jurisdiction(id),
  version integer not null check (version > 0),
  steps jsonb not null,                 -- [{ key, name, mode, roles, vote, disclosure }] (contracts TemplateStep)
  quorum jsonb not null,                -- { turnoutAbovePercent, approvalAbovePercent }
  created_at timestamptz not null default now(),
  created_by text not null,
  primary key (jurisdiction_id, version)
);

-- 议事事项: a matter of a grid, at step step_index (0-based) of its template version.
create table deliberation_matter (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  grid_id bigint not null,
  template_version integer not null,
  title text not null,
  description text not null,
  status text not null default 'in_progress'
    check (status in ('in_progress', 'completed', 'not_adopted', 'withdrawn')),
  step_index integer not null default 0 check (step_index >= 0),
  adopted boolean,                      -- set when the vote step is done
  case_id bigint,                       -- the case (案件) it came from; linked, not enforced yet
  resulting_case_id bigint,             -- a case it led to
  fund_name text,                       -- money asked of a fund (linked, not built)
  fund_amount numeric(14, 2) check (fund_amount > 0),
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  closed_at timestamptz,
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, grid_id) references territory_place (jurisdiction_id, id),
  foreign key (jurisdiction_id, template_version) references deliberation_template (jurisdiction_id, version),
  check ((fund_name is null) = (fund_amount is null)),
  check ((status = 'in_progress') = (closed_at is null))
);
create index deliberation_matter_grid_idx on deliberation_matter (jurisdiction_id, grid_id, created_at desc);

-- What was done at a step, once: the primary key makes a step's completion happen exactly once.
create table deliberation_step_record (
  jurisdiction_id bigint not null,
  matter_id bigint not null,
  step_index integer not null check (step_index >= 0),
  step_key text not null,
  step_name text not null,
  summary text not null,
  meeting_held_at timestamptz,
  meeting_place text,
  attendance_expected integer check (attendance_expected >= 0),
  attendance_present integer check (attendance_present >= 0),
  minutes text,
  tally jsonb,                          -- the vote step's count (contracts Tally): numbers only
  completed_at timestamptz not null default now(),
  completed_by text not null,
  completed_by_role text not null,
  primary key (jurisdiction_id, matter_id, step_index),
  foreign key (jurisdiction_id, matter_id) references deliberation_matter (jurisdiction_id, id),
  check (num_nonnulls(meeting_held_at, meeting_place, attendance_expected, attendance_present, minutes) in (0, 5))
);

-- The online line: staff posts and residents' comments at a step.
create table deliberation_post (
  jurisdiction_id bigint not null,
  id bigint generated always as identity,
  matter_id bigint not null,
  step_index integer not null,
  parent_id bigint,
  kind text not null check (kind in ('post', 'comment')),
  author_account_id bigint,             -- null for posts written by the demo seed
  author_role text not null,
  author_label text not null,
  body text not null,
  created_at timestamptz not null default now(),
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, matter_id) references deliberation_matter (jurisdiction_id, id),
  foreign key (jurisdiction_id, parent_id) references deliberation_post (jurisdiction_id, id),
  foreign key (jurisdiction_id, author_account_id) references account (jurisdiction_id, id)
);
create index deliberation_post_matter_idx on deliberation_post (jurisdiction_id, matter_id, step_index, id);

-- One vote per household and matter, online (a resident of the household) or on paper at a meeting.
create table deliberation_vote (
  jurisdiction_id bigint not null,
  matter_id bigint not null,
  household_id bigint not null,
  choice text not null check (choice in ('for', 'against', 'abstain')),
  channel text not null check (channel in ('online', 'paper')),
  cast_by_account_id bigint,            -- null for votes written by the demo seed
  cast_at timestamptz not null default now(),
  primary key (jurisdiction_id, matter_id, household_id),
  foreign key (jurisdiction_id, matter_id) references deliberation_matter (jurisdiction_id, id),
  foreign key (jurisdiction_id, household_id) references territory_household (jurisdiction_id, id),
  foreign key (jurisdiction_id, cast_by_account_id) references account (jurisdiction_id, id)
);

-- 两公开: the resolution and the result on the grid's public notice board. Counts only, never a name;
-- once published they stay (no update, no delete).
create table deliberation_notice (
  jurisdiction_id bigint not null,
  id bigint generated always as identity,
  matter_id bigint not null,
  grid_id bigint not null,
  kind text not null check (kind in ('resolution', 'result')),
  title text not null,
  step_name text not null,
  body text not null,
  tally jsonb,
  fund_name text,
  fund_amount numeric(14, 2),
  published_at timestamptz not null default now(),
  primary key (jurisdiction_id, id),
  unique (jurisdiction_id, matter_id, kind),
  foreign key (jurisdiction_id, matter_id) references deliberation_matter (jurisdiction_id, id),
  foreign key (jurisdiction_id, grid_id) references territory_place (jurisdiction_id, id)
);
-- The public board is read by grid id alone (ids are unique across jurisdictions).
create index deliberation_notice_grid_idx on deliberation_notice (grid_id, published_at desc, id desc);

create function deliberation_notice_forbid_change() returns trigger language plpgsql as $$
begin
  raise exception 'deliberation_notice is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger deliberation_notice_append_only before update or delete on deliberation_notice
  for each row execute function deliberation_notice_forbid_change();
