-- The working calendar as data (工作日历, issue 4 §4): statutory holidays (休) and make-up working days
-- (调休上班) per jurisdiction and year, as an administrator loads them from the State Council's notice
-- (modules/calendar). A jurisdiction keeps its own copy: autonomous regions add local holidays, and
-- one administrator never changes another jurisdiction's deadlines. Rows are seeded at start from
-- platform/working-calendar.data.ts (missing years only; edits are kept); a year with no row falls
-- back to that file, and a year in neither is "not loaded" (deadlines in it are flagged).

-- Every write takes the next revision: an app server compares the jurisdiction's highest revision
-- with the one its cached calendar was built from, and rebuilds when they differ.
create sequence calendar_year_revision;

create table calendar_year (
  jurisdiction_id bigint not null references jurisdiction(id),
  year integer not null check (year between 2000 and 2100),
  loaded boolean not null,
  source text not null,
  holidays jsonb not null default '[]',          -- [{ name, from, to }] whole days off, inclusive
  make_up_workdays jsonb not null default '[]',  -- [{ name, date }] Saturdays and Sundays worked
  revision bigint not null default nextval('calendar_year_revision'),
  updated_by bigint,                             -- null: as shipped
  updated_at timestamptz,
  primary key (jurisdiction_id, year),
  foreign key (jurisdiction_id, updated_by) references account (jurisdiction_id, id)
);
