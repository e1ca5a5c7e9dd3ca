-- Accountability (挂图作战): the pilot's tasks led by departments, their milestones, the Monday
-- dispatch (one report per task per week) and the quarterly flags of lead units (季挂牌).

-- A task of the battle map, led by a department (the access module's table), with cooperating ones.
create table accountability_task (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  title text not null,
  goal text not null,
  lead_department_id bigint not null,
  cooperating_department_ids jsonb not null default '[]', -- department ids
  responsible_person text not null,
  status text not null default 'in_progress' check (status in ('in_progress', 'completed', 'suspended')),
  place_id bigint,                      -- optional place on the map
  starts_on date not null,              -- reports are due from the Monday on or after it
  ended_on date,                        -- completed or suspended on
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, lead_department_id) references department (jurisdiction_id, id),
  foreign key (jurisdiction_id, place_id) references territory_place (jurisdiction_id, id),
  check ((status = 'in_progress') = (ended_on is null))
);
create index accountability_task_lead_idx on accountability_task (jurisdiction_id, lead_department_id);

-- 节点: a milestone with a due date; done with a date and an evidence note.
create table accountability_milestone (
  jurisdiction_id bigint not null,
  id bigint generated always as identity,
  task_id bigint not null,
  position integer not null check (position >= 0),
  title text not null,
  due_on date not null,
  done_on date,
  weight numeric(10, 2) check (weight > 0),
  evidence text,
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, task_id) references accountability_task (jurisdiction_id, id),
  unique (jurisdiction_id, task_id, position),
  check ((done_on is null) = (evidence is null))
);

-- 周调度: the lead unit's weekly report on a task; one per task per week (the week's Monday).
create table accountability_weekly_report (
  jurisdiction_id bigint not null,
  id bigint generated always as identity,
  task_id bigint not null,
  week_of date not null check (extract(isodow from week_of) = 1),
  progress text not null,
  problems text not null,
  next_week_plan text not null,
  reported_by text not null,
  reported_at timestamptz not null default now(),
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, task_id) references accountability_task (jurisdiction_id, id),
  unique (jurisdiction_id, task_id, week_of)
);
create index accountability_weekly_report_week_idx on accountability_weekly_report (jurisdiction_id, week_of);

-- 季挂牌: a lead unit's flag for a quarter, as the rule computed it and as it stands (overridden with
-- a reason by an administrator, audited); once published it no longer changes.
create table accountability_flag (
  jurisdiction_id bigint not null,
  id bigint generated always as identity,
  quarter text not null check (quarter ~ '^\d{4}-Q[1-4]$'),
  department_id bigint not null,
  late_milestones integer not null check (late_milestones >= 0),
  missed_reports integer not null check (missed_reports >= 0),
  computed_colour text not null check (computed_colour in ('red', 'yellow', 'green')),
  colour text not null check (colour in ('red', 'yellow', 'green')),
  rule jsonb not null,
  computed_at timestamptz not null,
  overridden_by text,
  override_reason text,
  overridden_at timestamptz,
  published_at timestamptz,
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, department_id) references department (jurisdiction_id, id),
  unique (jurisdiction_id, quarter, department_id),
  check ((overridden_by is null) = (override_reason is null)),
  check ((overridden_by is null) = (overridden_at is null))
);
