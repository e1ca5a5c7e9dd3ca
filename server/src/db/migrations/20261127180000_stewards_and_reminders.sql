-- Stewards' help (善治红管家): a resident (or a worker for them) asks for one of the six basic
-- services; the request goes to the stewards of the resident's building, or of the grid when the
-- building has none; a steward takes it, does it and records what was done; the resident confirms.
create table steward_request (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  kind text not null check (kind in ('purchase', 'errand', 'paperwork', 'watch', 'care', 'mediation')),
  resident_id bigint not null,
  building_id bigint not null,
  grid_id bigint,
  place_chain bigint[] not null,         -- the grid, community and subdistrict: staff scope filters
  routed_to text not null check (routed_to in ('building', 'grid')),
  status text not null check (status in ('open', 'taken', 'done', 'confirmed', 'cancelled')),
  description text not null,
  asked_by_account_id bigint,
  steward_id bigint,                     -- staff_member who took it
  steward_name text,
  result text,
  asked_at timestamptz not null,
  taken_at timestamptz,
  done_at timestamptz,
  confirmed_at timestamptz,
  updated_at timestamptz not null,
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, resident_id) references resident (jurisdiction_id, id),
  foreign key (jurisdiction_id, building_id) references territory_building (jurisdiction_id, id),
  foreign key (jurisdiction_id, steward_id) references staff_member (jurisdiction_id, id),
  check ((status in ('open', 'cancelled')) or steward_id is not null),
  check ((status not in ('done', 'confirmed')) or (result is not null and done_at is not null))
);
create index steward_request_building_idx on steward_request (jurisdiction_id, building_id, status);
create index steward_request_grid_idx on steward_request (jurisdiction_id, grid_id, status);
create index steward_request_steward_idx on steward_request (jurisdiction_id, steward_id, status);
create index steward_request_resident_idx on steward_request (jurisdiction_id, resident_id);

-- 网格访听12条: a steward's visit to a household, with the twelve listening duties checked off.
create table steward_visit (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  steward_id bigint not null,
  steward_name text not null,
  building_id bigint not null,
  grid_id bigint,
  place_chain bigint[] not null,
  door_number text not null,
  checklist jsonb not null,              -- [{ duty, done, note }], the twelve duties in order
  note text,
  visited_at timestamptz not null,
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, steward_id) references staff_member (jurisdiction_id, id),
  foreign key (jurisdiction_id, building_id) references territory_building (jurisdiction_id, id)
);
create index steward_visit_steward_idx on steward_visit (jurisdiction_id, steward_id, visited_at);

-- Appointment reminders the day before (随时约), in the app. One row per appointment: the unique key
-- (and slot time) is the claim, so two servers running the job never remind twice.
create table appointment_reminder (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  appointment_id bigint not null,
  resident_id bigint not null,
  resident_account_id bigint,
  message text not null,
  starts_at timestamptz not null,
  created_at timestamptz not null,
  delivered_at timestamptz,
  read_at timestamptz,
  primary key (jurisdiction_id, id),
  unique (jurisdiction_id, appointment_id, starts_at),   -- a moved booking is reminded of its new time
  foreign key (jurisdiction_id, appointment_id) references appointment (jurisdiction_id, id)
);
create index appointment_reminder_account_idx on appointment_reminder (jurisdiction_id, resident_account_id, created_at);
