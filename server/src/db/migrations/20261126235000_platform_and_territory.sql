-- Platform and territory (一网统管). Every table holding a jurisdiction's data carries
-- jurisdiction_id and leads its primary key with it, so the schema can be distributed by it (Citus).

-- 辖区: one county-level city served by this instance (several may share one).
create table jurisdiction (
  id bigint generated always as identity primary key,
  code text not null unique,            -- administrative division code, e.g. 370681
  name text not null,
  geometry jsonb not null,              -- GeoJSON (WGS-84) outline
  -- Bumped in every transaction that changes geometry, so app servers know to rebuild their index.
  geometry_version bigint not null default 1,
  created_at timestamptz not null default now()
);

-- Who did what: written in the same transaction as the change it describes.
create table audit_event (
  jurisdiction_id bigint references jurisdiction(id),
  id bigint generated always as identity,
  at timestamptz not null default now(),
  actor text not null,                  -- account id once sign-in exists; 'system' or 'cli' otherwise
  action text not null,                 -- e.g. territory.split_place
  subject_type text not null,
  subject_id text,
  request_id text,
  details jsonb not null default '{}',
  primary key (id)
);
create index audit_event_subject_idx on audit_event (jurisdiction_id, subject_type, subject_id);

-- 街道 / 社区 / 网格 / 网格单元: the polygon levels of the hierarchy.
create table territory_place (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  level text not null check (level in ('subdistrict', 'community', 'grid', 'unit')),
  parent_id bigint,
  -- Ancestors, kept beside parent_id for filtering (null at and above the place's own level).
  subdistrict_id bigint,
  community_id bigint,
  grid_id bigint,
  code text not null,                   -- hierarchical code: division + subdistrict + community + sequence
  name text not null,
  community_kind text check (community_kind in ('legacy', 'new_build', 'seasonal', 'work_unit')),
  geometry jsonb not null,
  area_m2 double precision not null,
  min_lng double precision not null,
  min_lat double precision not null,
  max_lng double precision not null,
  max_lat double precision not null,
  valid_from timestamptz not null default now(),
  valid_to timestamptz,                 -- null while current; set when split or merged away
  updated_at timestamptz not null default now(),
  primary key (jurisdiction_id, id),
  unique (jurisdiction_id, code),
  foreign key (jurisdiction_id, parent_id) references territory_place (jurisdiction_id, id),
  check ((level = 'subdistrict') = (parent_id is null)),
  check ((level = 'community') = (community_kind is not null))
);
create index territory_place_current_idx on territory_place (jurisdiction_id, level) where valid_to is null;
create index territory_place_parent_idx on territory_place (jurisdiction_id, parent_id);

-- 楼栋: a point (or polygon) inside a unit.
create table territory_building (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  unit_id bigint not null,
  code text not null,
  name text not null,
  lng double precision not null,
  lat double precision not null,
  floors integer not null check (floors > 0),
  primary key (jurisdiction_id, id),
  unique (jurisdiction_id, code),
  foreign key (jurisdiction_id, unit_id) references territory_place (jurisdiction_id, id)
);
create index territory_building_unit_idx on territory_building (jurisdiction_id, unit_id);

-- 户: a dwelling in a building.
create table territory_household (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  building_id bigint not null,
  code text not null,
  door_number text not null,            -- e.g. 2-301 (entrance-room)
  primary key (jurisdiction_id, id),
  unique (jurisdiction_id, code),
  foreign key (jurisdiction_id, building_id) references territory_building (jurisdiction_id, id)
);
create index territory_household_building_idx on territory_household (jurisdiction_id, building_id);

-- 社区不断扩张、动态调整: a split or merge, with the places it ended and the places it made.
create table territory_change (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  kind text not null check (kind in ('split', 'merge')),
  level text not null check (level in ('grid', 'unit')),
  reason text not null,
  at timestamptz not null default now(),
  details jsonb not null default '{}',
  primary key (jurisdiction_id, id)
);
create table territory_change_place (
  jurisdiction_id bigint not null,
  change_id bigint not null,
  place_id bigint not null,
  role text not null check (role in ('predecessor', 'successor')),
  primary key (jurisdiction_id, change_id, place_id),
  foreign key (jurisdiction_id, change_id) references territory_change (jurisdiction_id, id),
  foreign key (jurisdiction_id, place_id) references territory_place (jurisdiction_id, id)
);
create index territory_change_place_place_idx on territory_change_place (jurisdiction_id, place_id);

-- 多网合一: a department's legacy grid layer, its grids, and their overlap with the unified grids.
create table legacy_layer (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  department text not null,
  name text not null,
  imported_at timestamptz not null default now(),
  primary key (jurisdiction_id, id),
  unique (jurisdiction_id, name)
);
create table legacy_grid (
  jurisdiction_id bigint not null,
  id bigint generated always as identity,
  layer_id bigint not null,
  code text not null,
  name text not null,
  geometry jsonb not null,
  area_m2 double precision not null,
  primary key (jurisdiction_id, id),
  unique (jurisdiction_id, layer_id, code),
  foreign key (jurisdiction_id, layer_id) references legacy_layer (jurisdiction_id, id) on delete cascade
);
create table legacy_overlap (
  jurisdiction_id bigint not null,
  layer_id bigint not null,
  grid_id bigint not null,              -- the unified grid (territory_place, level grid)
  legacy_grid_id bigint not null,
  area_m2 double precision not null,
  share_of_grid double precision not null,
  share_of_legacy double precision not null,
  primary key (jurisdiction_id, layer_id, grid_id, legacy_grid_id),
  foreign key (jurisdiction_id, layer_id) references legacy_layer (jurisdiction_id, id) on delete cascade,
  foreign key (jurisdiction_id, grid_id) references territory_place (jurisdiction_id, id),
  foreign key (jurisdiction_id, legacy_grid_id) references legacy_grid (jurisdiction_id, id) on delete cascade
);
