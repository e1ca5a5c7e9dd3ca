-- Accountability, continued: the dispatch meetings (调度会) and their decisions, the monthly bulletin
-- (月通报), leaders' subscriptions to units, the delivery of published flags to them, and the duty
-- record (履职档案) of each lead unit's responsible head.

-- 调度会: a meeting record.
create table accountability_meeting (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  held_on date not null,
  title text not null,
  chaired_by text not null,
  attendees text not null default '',
  summary text not null default '',
  created_by text not null,
  created_at timestamptz not null default now(),
  primary key (jurisdiction_id, id)
);
create index accountability_meeting_held_idx on accountability_meeting (jurisdiction_id, held_on);

-- A decision of a meeting, assigned to a unit with a due date; done with a date and a note.
create table accountability_meeting_decision (
  jurisdiction_id bigint not null,
  id bigint generated always as identity,
  meeting_id bigint not null,
  position integer not null check (position >= 0),
  content text not null,
  department_id bigint not null,
  due_on date not null,
  done_on date,
  done_note text,
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, meeting_id) references accountability_meeting (jurisdiction_id, id),
  foreign key (jurisdiction_id, department_id) references department (jurisdiction_id, id),
  unique (jurisdiction_id, meeting_id, position),
  check ((done_on is null) = (done_note is null))
);
create index accountability_meeting_decision_unit_idx on accountability_meeting_decision (jurisdiction_id, department_id);

-- 月通报: one bulletin per month; generated as a draft (its rows a snapshot), remarks edited, published.
create table accountability_bulletin (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  month text not null check (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  as_of date not null,
  content jsonb not null,                 -- the rows: tasks, units, changes (see bulletin.ts)
  remarks text not null default '',
  unit_remarks jsonb not null default '{}', -- department id -> remark
  generated_by text not null,
  generated_at timestamptz not null,
  published_by text,
  published_at timestamptz,
  primary key (jurisdiction_id, id),
  unique (jurisdiction_id, month),
  check ((published_by is null) = (published_at is null))
);

-- A leader's subscription to a lead unit: its published flags are delivered to them.
create table accountability_subscription (
  jurisdiction_id bigint not null,
  account_id bigint not null,
  department_id bigint not null,
  created_at timestamptz not null default now(),
  primary key (jurisdiction_id, account_id, department_id),
  foreign key (jurisdiction_id, account_id) references account (jurisdiction_id, id),
  foreign key (jurisdiction_id, department_id) references department (jurisdiction_id, id)
);
create index accountability_subscription_unit_idx on accountability_subscription (jurisdiction_id, department_id);

-- A published flag delivered to a subscribed leader (their inbox on the board).
create table accountability_flag_delivery (
  jurisdiction_id bigint not null,
  id bigint generated always as identity,
  flag_id bigint not null,
  account_id bigint not null,
  delivered_at timestamptz not null,
  read_at timestamptz,
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, flag_id) references accountability_flag (jurisdiction_id, id),
  foreign key (jurisdiction_id, account_id) references account (jurisdiction_id, id),
  unique (jurisdiction_id, flag_id, account_id)
);
create index accountability_flag_delivery_account_idx on accountability_flag_delivery (jurisdiction_id, account_id);

-- 履职档案: the duty record of a lead unit's responsible head — every published flag, override and
-- bulletin mention, in order. `head` is who was responsible when it was written.
create table accountability_duty_entry (
  jurisdiction_id bigint not null,
  id bigint generated always as identity,
  department_id bigint not null,
  head text not null,
  kind text not null check (kind in ('flag', 'override', 'bulletin')),
  period text not null,                 -- the quarter (2026-Q3) or month (2026-10)
  colour text check (colour in ('red', 'yellow', 'green')),
  summary text not null,
  source_id bigint not null,            -- the flag or bulletin id
  recorded_at timestamptz not null,
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, department_id) references department (jurisdiction_id, id),
  unique (jurisdiction_id, kind, source_id, department_id)
);
create index accountability_duty_entry_unit_idx on accountability_duty_entry (jurisdiction_id, department_id, recorded_at);
