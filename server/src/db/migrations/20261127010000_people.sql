-- People (队伍与居民): staff and their postings, residents of households, and the party structure.
-- Phone and ID numbers are never stored in plaintext: *_enc holds AES-256-GCM ciphertext
-- (v1:<iv>:<tag>:<ciphertext>) and *_hash an HMAC-SHA256 keyed hash for equality search; the keys
-- come from configuration (PII_KEY), never from the database.

-- 队伍: community workers, grid assistants, riders, stewards, secretaries, department staff, leaders.
create table staff_member (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  name text not null,
  kind text not null check (kind in (
    'community_worker', 'property_staff', 'building_head', 'volunteer', 'part_time_worker', 'steward',
    'community_secretary', 'community_staff', 'subdistrict_staff', 'department_staff', 'city_leader',
    'grid_leader')),
  phone_enc text,
  phone_hash text,
  party_member boolean not null default false,
  account_id bigint,                    -- the account this person signs in with, if any
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, account_id) references account (jurisdiction_id, id),
  check ((phone_enc is null) = (phone_hash is null))
);
create unique index staff_member_account_idx on staff_member (jurisdiction_id, account_id)
  where account_id is not null;
create index staff_member_phone_idx on staff_member (jurisdiction_id, phone_hash) where phone_hash is not null;

-- 定岗: where a staff member serves, from starts_on until ends_on (exclusive; null while current).
-- A post is a place (grid, community, subdistrict), a building (stewards), a department, or none
-- (city leaders serve the whole jurisdiction). One current post per person.
create table posting (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  staff_member_id bigint not null,
  place_id bigint,
  building_id bigint,
  department_id bigint,
  title text not null,
  starts_on date not null,
  ends_on date,
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, staff_member_id) references staff_member (jurisdiction_id, id),
  foreign key (jurisdiction_id, place_id) references territory_place (jurisdiction_id, id),
  foreign key (jurisdiction_id, building_id) references territory_building (jurisdiction_id, id),
  foreign key (jurisdiction_id, department_id) references department (jurisdiction_id, id),
  check (num_nonnulls(place_id, building_id, department_id) <= 1),
  check (ends_on is null or ends_on >= starts_on)
);
create unique index posting_open_idx on posting (jurisdiction_id, staff_member_id) where ends_on is null;
create index posting_staff_idx on posting (jurisdiction_id, staff_member_id, starts_on);
create index posting_place_idx on posting (jurisdiction_id, place_id) where ends_on is null;
create index posting_building_idx on posting (jurisdiction_id, building_id) where ends_on is null;
create index posting_department_idx on posting (jurisdiction_id, department_id) where ends_on is null;

-- 居民: a person living in a household. Located, for access, by the household's building and unit.
create table resident (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  household_id bigint not null,
  name text not null,
  gender text check (gender in ('male', 'female')),
  birth_year integer check (birth_year between 1900 and 2100),
  phone_enc text,
  phone_hash text,
  id_number_enc text,
  id_number_hash text,
  tags text[] not null default '{}',    -- elderly_alone, disabled, … (contracts ResidentTag)
  party_member boolean not null default false,
  account_id bigint,                    -- the resident's own account (self-service), if any
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, household_id) references territory_household (jurisdiction_id, id),
  foreign key (jurisdiction_id, account_id) references account (jurisdiction_id, id),
  check ((phone_enc is null) = (phone_hash is null)),
  check ((id_number_enc is null) = (id_number_hash is null))
);
create index resident_household_idx on resident (jurisdiction_id, household_id);
create index resident_phone_idx on resident (jurisdiction_id, phone_hash) where phone_hash is not null;
create index resident_id_number_idx on resident (jurisdiction_id, id_number_hash)
  where id_number_hash is not null;
create unique index resident_account_idx on resident (jurisdiction_id, account_id) where account_id is not null;
create index resident_tags_idx on resident using gin (tags);

-- 网格党支部: one party branch per grid.
create table party_branch (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  grid_id bigint not null,
  name text not null,
  secretary_staff_member_id bigint,
  primary key (jurisdiction_id, id),
  unique (jurisdiction_id, grid_id),
  foreign key (jurisdiction_id, grid_id) references territory_place (jurisdiction_id, id),
  foreign key (jurisdiction_id, secretary_staff_member_id) references staff_member (jurisdiction_id, id)
);

-- 楼栋党小组: one party group per building, led by a resident party member.
create table party_group (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  building_id bigint not null,
  name text not null,
  leader_resident_id bigint,
  member_count integer not null default 0 check (member_count >= 0),
  primary key (jurisdiction_id, id),
  unique (jurisdiction_id, building_id),
  foreign key (jurisdiction_id, building_id) references territory_building (jurisdiction_id, id),
  foreign key (jurisdiction_id, leader_resident_id) references resident (jurisdiction_id, id)
);

-- 党员中心户: a party member's household that looks after 5–10 neighbouring households (党员联四邻).
create table party_anchor_household (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  household_id bigint not null,
  member_resident_id bigint not null,
  primary key (jurisdiction_id, id),
  unique (jurisdiction_id, household_id),
  foreign key (jurisdiction_id, household_id) references territory_household (jurisdiction_id, id),
  foreign key (jurisdiction_id, member_resident_id) references resident (jurisdiction_id, id)
);
create table party_anchor_link (
  jurisdiction_id bigint not null,
  anchor_id bigint not null,
  household_id bigint not null,
  primary key (jurisdiction_id, anchor_id, household_id),
  unique (jurisdiction_id, household_id),  -- a household is looked after by one anchor
  foreign key (jurisdiction_id, anchor_id) references party_anchor_household (jurisdiction_id, id),
  foreign key (jurisdiction_id, household_id) references territory_household (jurisdiction_id, id)
);
