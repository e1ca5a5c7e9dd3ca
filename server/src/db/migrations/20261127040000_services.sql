-- Services for residents (幸福365, issue 6 §1–2): service centres and stations, the catalogue of
-- service items, one-window requests (一窗受理、全科服务) with their timeline, and appointments
-- (随时约, 错峰延时) on slots with a capacity.

-- 党群服务中心 (one per community) and 网格服务站 (over grids). `place_id` is the community or grid;
-- the place chain columns repeat its ancestors so that scope filters need no join. `opening` holds
-- the hours per weekday, on statutory holidays, and which periods are extended (错峰延时) — the shape
-- is `OpeningHours` in contracts/src/services.ts.
create table service_site (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  code text not null,
  kind text not null check (kind in ('centre', 'station')),
  name text not null,
  address text,
  place_id bigint not null,
  grid_id bigint,
  community_id bigint not null,
  subdistrict_id bigint,
  opening jsonb not null,
  active boolean not null default true,
  primary key (jurisdiction_id, id),
  unique (jurisdiction_id, code),
  foreign key (jurisdiction_id, place_id) references territory_place (jurisdiction_id, id),
  foreign key (jurisdiction_id, community_id) references territory_place (jurisdiction_id, id)
);
create index service_site_community_idx on service_site (jurisdiction_id, community_id);

-- 服务事项: what a resident can ask for, the materials it needs, where it is offered (site kinds),
-- who handles it (a site, or a department) and the promised time in working days.
create table service_item (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  code text not null,
  name text not null,
  kind text not null,
  description text,
  materials jsonb not null default '[]',
  offered_at text[] not null default '{centre,station}',
  handler_site_id bigint,
  handler_department_id bigint,
  promised_days integer not null check (promised_days between 1 and 365),
  bookable boolean not null default false,
  active boolean not null default true,
  primary key (jurisdiction_id, id),
  unique (jurisdiction_id, code),
  foreign key (jurisdiction_id, handler_site_id) references service_site (jurisdiction_id, id),
  foreign key (jurisdiction_id, handler_department_id) references department (jurisdiction_id, id),
  check ((handler_site_id is null) <> (handler_department_id is null))
);
create index service_item_kind_idx on service_item (jurisdiction_id, kind, code);

-- 一窗受理: a request taken at one site for one resident, routed to the item's handler. The chains
-- (place ids of the intake and the handling site, site place first) decide who sees it.
create table service_request (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  item_id bigint not null,
  resident_id bigint not null,
  intake_site_id bigint not null,
  intake_chain bigint[] not null,
  handler_site_id bigint,
  handler_department_id bigint,
  handler_chain bigint[] not null default '{}',
  status text not null check (status in ('routed', 'accepted', 'done', 'rated')),
  materials jsonb not null default '[]',
  note text,
  result text,
  rating integer check (rating between 1 and 5),
  rating_comment text,
  received_at timestamptz not null,
  deadline timestamptz not null,
  deadline_uncertain boolean not null default false,
  done_at timestamptz,
  updated_at timestamptz not null,
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, item_id) references service_item (jurisdiction_id, id),
  foreign key (jurisdiction_id, resident_id) references resident (jurisdiction_id, id),
  foreign key (jurisdiction_id, intake_site_id) references service_site (jurisdiction_id, id),
  foreign key (jurisdiction_id, handler_site_id) references service_site (jurisdiction_id, id),
  foreign key (jurisdiction_id, handler_department_id) references department (jurisdiction_id, id)
);
create index service_request_resident_idx on service_request (jurisdiction_id, resident_id);
create index service_request_status_idx on service_request (jurisdiction_id, status, deadline);

-- Each hand a request passes through, in the transaction of the move.
create table service_request_event (
  jurisdiction_id bigint not null,
  id bigint generated always as identity,
  request_id bigint not null,
  type text not null check (type in ('received', 'routed', 'accepted', 'done', 'rated')),
  at timestamptz not null,
  actor_account_id bigint,
  actor_name text,
  site_id bigint,
  department_id bigint,
  note text,
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, request_id) references service_request (jurisdiction_id, id)
);
create index service_request_event_request_idx on service_request_event (jurisdiction_id, request_id, id);

-- 随时约: a bookable time at a site for one item, with a capacity. `booked` is raised only by a
-- conditional update (booked < capacity), so it can never pass the capacity, even under concurrency.
create table appointment_slot (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  site_id bigint not null,
  item_id bigint not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  capacity integer not null check (capacity between 1 and 1000),
  booked integer not null default 0,
  primary key (jurisdiction_id, id),
  unique (jurisdiction_id, site_id, item_id, starts_at),
  foreign key (jurisdiction_id, site_id) references service_site (jurisdiction_id, id),
  foreign key (jurisdiction_id, item_id) references service_item (jurisdiction_id, id),
  check (ends_at > starts_at),
  check (booked between 0 and capacity)
);
create index appointment_slot_site_idx on appointment_slot (jurisdiction_id, site_id, starts_at);

create table appointment (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  slot_id bigint not null,
  resident_id bigint not null,
  status text not null check (status in ('booked', 'cancelled', 'no_show', 'attended')),
  booked_by_account_id bigint,
  booked_at timestamptz not null,
  updated_at timestamptz not null,
  reminded_at timestamptz,
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, slot_id) references appointment_slot (jurisdiction_id, id),
  foreign key (jurisdiction_id, resident_id) references resident (jurisdiction_id, id)
);
-- One live booking per resident per slot.
create unique index appointment_live_idx on appointment (jurisdiction_id, slot_id, resident_id)
  where status = 'booked';
create index appointment_resident_idx on appointment (jurisdiction_id, resident_id);
