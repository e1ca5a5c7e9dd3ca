-- Case measures (考核指标, issue 4 §6): per-case facts and their roll-ups, maintained in the transaction
-- of every intake and move (modules/cases/case.measures*.ts), rebuilt from the cases' timelines by
-- rebuildCaseMeasures. Definitions: docs/measures.md.
--
-- A case counts on the Asia/Shanghai day it was reported (`day`), in the place where it is now: a
-- reassignment or relocation moves its whole contribution. Each write adds the difference between
-- the case's contribution after and before, so a case is counted exactly once whatever happens to it.

-- One row per case: the facts its contribution is a pure function of.
create table case_measure_fact (
  jurisdiction_id bigint not null,
  case_id bigint not null,
  day date not null,                           -- reported on (Asia/Shanghai)
  subdistrict_id bigint not null,
  community_id bigint not null,
  grid_id bigint not null,
  outcome text not null check (outcome in ('counted', 'rejected', 'merged')),
  accepted_on_time boolean not null,           -- accepted by the grid, no accept clock ran late
  escalated boolean not null,                  -- ever escalated above the grid (吹哨)
  dispatched boolean not null,                 -- ever dispatched to a department
  resolved_on_time boolean not null,           -- first resolution with no step late before it
  resolved boolean not null,                   -- verified (or rated, closed) and not reopened since
  closed boolean not null,
  closed_at_grid boolean not null,             -- closed and never escalated
  rating text check (rating in ('satisfied', 'basically_satisfied', 'dissatisfied')),
  reopened boolean not null,
  accept_seconds bigint not null, accept_runs integer not null,
  grid_handle_seconds bigint not null, grid_handle_runs integer not null,
  community_response_seconds bigint not null, community_response_runs integer not null,
  subdistrict_response_seconds bigint not null, subdistrict_response_runs integer not null,
  acknowledge_seconds bigint not null, acknowledge_runs integer not null,
  department_handle_seconds bigint not null, department_handle_runs integer not null,
  verify_seconds bigint not null, verify_runs integer not null,
  rate_seconds bigint not null, rate_runs integer not null,
  primary key (jurisdiction_id, case_id),
  foreign key (jurisdiction_id, case_id) references case_record (jurisdiction_id, id)
);
create index case_measure_fact_day_idx on case_measure_fact (jurisdiction_id, day);

-- One row per case and department it was ever dispatched to.
create table case_measure_department_fact (
  jurisdiction_id bigint not null,
  case_id bigint not null,
  department_id bigint not null,
  tasks integer not null,                      -- times dispatched to it (派遣次数)
  acknowledged integer not null,               -- 报到
  acknowledged_on_time integer not null,
  declined integer not null,                   -- 退回
  reported_back integer not null,              -- 反馈
  reported_back_on_time integer not null,
  acknowledge_seconds bigint not null, acknowledge_runs integer not null,
  department_handle_seconds bigint not null, department_handle_runs integer not null,
  primary key (jurisdiction_id, case_id, department_id),
  foreign key (jurisdiction_id, case_id) references case_measure_fact (jurisdiction_id, case_id)
);
create index case_measure_department_fact_department_idx
  on case_measure_department_fact (jurisdiction_id, department_id);

-- Roll-up per reporting day and grid (with its community and subdistrict): what grid rows sum.
create table case_measure_grid_day (
  jurisdiction_id bigint not null,
  day date not null,
  subdistrict_id bigint not null,
  community_id bigint not null,
  grid_id bigint not null,
  reported integer not null default 0,         -- 上报 (all, rejected and merged included)
  rejected integer not null default 0,
  merged integer not null default 0,
  cases integer not null default 0,            -- 有效案件: the denominator of the rates
  accepted_on_time integer not null default 0,
  escalated integer not null default 0,
  dispatched integer not null default 0,
  resolved_on_time integer not null default 0,
  resolved integer not null default 0,
  closed integer not null default 0,
  closed_at_grid integer not null default 0,
  rated integer not null default 0,
  satisfied integer not null default 0,
  basically_satisfied integer not null default 0,
  dissatisfied integer not null default 0,
  reopened integer not null default 0,
  accept_seconds bigint not null default 0, accept_runs integer not null default 0,
  grid_handle_seconds bigint not null default 0, grid_handle_runs integer not null default 0,
  community_response_seconds bigint not null default 0, community_response_runs integer not null default 0,
  subdistrict_response_seconds bigint not null default 0, subdistrict_response_runs integer not null default 0,
  acknowledge_seconds bigint not null default 0, acknowledge_runs integer not null default 0,
  department_handle_seconds bigint not null default 0, department_handle_runs integer not null default 0,
  verify_seconds bigint not null default 0, verify_runs integer not null default 0,
  rate_seconds bigint not null default 0, rate_runs integer not null default 0,
  primary key (jurisdiction_id, day, subdistrict_id, community_id, grid_id)
);

-- The same per reporting day and community: what the city, subdistrict and community rows sum (a year
-- of a city is a few thousand rows instead of one per grid and day).
create table case_measure_community_day (
  jurisdiction_id bigint not null,
  day date not null,
  subdistrict_id bigint not null,
  community_id bigint not null,
  reported integer not null default 0,         -- 上报 (all, rejected and merged included)
  rejected integer not null default 0,
  merged integer not null default 0,
  cases integer not null default 0,            -- 有效案件: the denominator of the rates
  accepted_on_time integer not null default 0,
  escalated integer not null default 0,
  dispatched integer not null default 0,
  resolved_on_time integer not null default 0,
  resolved integer not null default 0,
  closed integer not null default 0,
  closed_at_grid integer not null default 0,
  rated integer not null default 0,
  satisfied integer not null default 0,
  basically_satisfied integer not null default 0,
  dissatisfied integer not null default 0,
  reopened integer not null default 0,
  accept_seconds bigint not null default 0, accept_runs integer not null default 0,
  grid_handle_seconds bigint not null default 0, grid_handle_runs integer not null default 0,
  community_response_seconds bigint not null default 0, community_response_runs integer not null default 0,
  subdistrict_response_seconds bigint not null default 0, subdistrict_response_runs integer not null default 0,
  acknowledge_seconds bigint not null default 0, acknowledge_runs integer not null default 0,
  department_handle_seconds bigint not null default 0, department_handle_runs integer not null default 0,
  verify_seconds bigint not null default 0, verify_runs integer not null default 0,
  rate_seconds bigint not null default 0, rate_runs integer not null default 0,
  primary key (jurisdiction_id, day, subdistrict_id, community_id)
);

-- Roll-up per reporting day, department and grid of the case.
create table case_measure_department_day (
  jurisdiction_id bigint not null,
  day date not null,
  department_id bigint not null,
  subdistrict_id bigint not null,
  community_id bigint not null,
  grid_id bigint not null,
  cases integer not null default 0,
  tasks integer not null default 0,
  acknowledged integer not null default 0,
  acknowledged_on_time integer not null default 0,
  declined integer not null default 0,
  reported_back integer not null default 0,
  reported_back_on_time integer not null default 0,
  resolved integer not null default 0,
  rated integer not null default 0,
  satisfied integer not null default 0,
  basically_satisfied integer not null default 0,
  dissatisfied integer not null default 0,
  acknowledge_seconds bigint not null default 0, acknowledge_runs integer not null default 0,
  department_handle_seconds bigint not null default 0, department_handle_runs integer not null default 0,
  primary key (jurisdiction_id, day, department_id, subdistrict_id, community_id, grid_id)
);
