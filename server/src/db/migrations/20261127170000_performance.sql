-- Performance (履职考评): secretaries' breakthrough projects and pledges (书记突破项目, 承诺践诺),
-- leader liaison with communities (挂点联系), half-year reports and their review (述职评议), and the
-- dual performance assessment of communities and community workers (双绩效考核).

-- A breakthrough project claimed by a secretary at city, subdistrict or community level.
create table performance_project (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  title text not null,
  level text not null check (level in ('city', 'subdistrict', 'community')),
  place_id bigint,                       -- the subdistrict or community; null at city level
  owner_staff_id bigint not null,        -- the secretary (people.staff_member)
  created_by text not null,
  created_at timestamptz not null default now(),
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, owner_staff_id) references staff_member (jurisdiction_id, id),
  foreign key (jurisdiction_id, place_id) references territory_place (jurisdiction_id, id),
  check ((level = 'city') = (place_id is null))
);
create index performance_project_place_idx on performance_project (jurisdiction_id, place_id);

-- 承诺: a pledge with a due date; fulfilment claimed with evidence, accepted or sent back above.
create table performance_pledge (
  jurisdiction_id bigint not null,
  id bigint generated always as identity,
  project_id bigint not null,
  title text not null,
  due_on date not null,
  status text not null default 'open' check (status in ('open', 'claimed', 'kept', 'sent_back')),
  evidence_text text,
  evidence_refs jsonb not null default '[]', -- photo ids or links
  claimed_on date,                           -- the Shanghai day fulfilment was (last) claimed
  claimed_by text,
  reviewed_by text,
  reviewed_at timestamptz,
  review_note text,
  created_at timestamptz not null default now(),
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, project_id) references performance_project (jurisdiction_id, id),
  check (status = 'open' or (evidence_text is not null and claimed_on is not null))
);
create index performance_pledge_project_idx on performance_pledge (jurisdiction_id, project_id);
create index performance_pledge_due_idx on performance_pledge (jurisdiction_id, due_on);

-- 挂点联系: a city leader or department head linked to the community they take.
create table performance_liaison (
  jurisdiction_id bigint not null,
  staff_member_id bigint not null,
  community_id bigint not null,
  kind text not null check (kind in ('city_leader', 'department_head')),
  primary key (jurisdiction_id, staff_member_id),
  foreign key (jurisdiction_id, staff_member_id) references staff_member (jurisdiction_id, id),
  foreign key (jurisdiction_id, community_id) references territory_place (jurisdiction_id, id)
);

-- A visit to the linked community.
create table performance_visit (
  jurisdiction_id bigint not null,
  id bigint generated always as identity,
  staff_member_id bigint not null,
  community_id bigint not null,
  visited_on date not null,
  people_met text not null,
  notes text not null default '',
  logged_by text not null,
  logged_at timestamptz not null default now(),
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, staff_member_id) references performance_liaison (jurisdiction_id, staff_member_id),
  foreign key (jurisdiction_id, community_id) references territory_place (jurisdiction_id, id)
);
create index performance_visit_staff_idx on performance_visit (jurisdiction_id, staff_member_id, visited_on);

-- A problem found on a visit: solved on the spot or not, and possibly a case (linked both ways:
-- the case id here, and the visit found from the case by this index).
create table performance_visit_problem (
  jurisdiction_id bigint not null,
  id bigint generated always as identity,
  visit_id bigint not null,
  description text not null,
  solved boolean not null default false,
  case_id bigint,
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, visit_id) references performance_visit (jurisdiction_id, id),
  foreign key (jurisdiction_id, case_id) references case_record (jurisdiction_id, id)
);
create index performance_visit_problem_visit_idx on performance_visit_problem (jurisdiction_id, visit_id);
create index performance_visit_problem_case_idx on performance_visit_problem (jurisdiction_id, case_id)
  where case_id is not null;

-- 评议细则: a configurable rubric: criteria with weights and maximum scores, and the outlier rule.
create table performance_rubric (
  jurisdiction_id bigint not null,
  id bigint generated always as identity,
  name text not null,
  criteria jsonb not null,      -- [{ key, label, weight, maxScore }]
  outlier_rule jsonb not null,  -- { dropHighestAndLowestFrom: n | null }
  created_at timestamptz not null default now(),
  primary key (jurisdiction_id, id)
);

-- 述职: a community secretary's half-year written report.
create table performance_report (
  jurisdiction_id bigint not null,
  id bigint generated always as identity,
  half_year text not null check (half_year ~ '^\d{4}-H[12]$'),
  community_id bigint not null,
  secretary_staff_id bigint not null,
  rubric_id bigint not null,
  body text not null,
  submitted_by text not null,
  submitted_at timestamptz not null default now(),
  primary key (jurisdiction_id, id),
  unique (jurisdiction_id, half_year, community_id),
  foreign key (jurisdiction_id, community_id) references territory_place (jurisdiction_id, id),
  foreign key (jurisdiction_id, secretary_staff_id) references staff_member (jurisdiction_id, id),
  foreign key (jurisdiction_id, rubric_id) references performance_rubric (jurisdiction_id, id)
);

-- One reviewer's scores of one report, per criterion.
create table performance_review_score (
  jurisdiction_id bigint not null,
  report_id bigint not null,
  reviewer text not null,         -- the reviewer's username
  scores jsonb not null,          -- { criterionKey: score }
  scored_at timestamptz not null default now(),
  primary key (jurisdiction_id, report_id, reviewer),
  foreign key (jurisdiction_id, report_id) references performance_report (jurisdiction_id, id)
);

-- 考核指标模板: indicators with weights for communities or community workers, and the pay bands.
create table performance_template (
  jurisdiction_id bigint not null,
  id bigint generated always as identity,
  subject text not null check (subject in ('community', 'worker')),
  name text not null,
  indicators jsonb not null,  -- [{ key, label, source, weight }]
  pay_bands jsonb not null,   -- [{ band, minScore }] highest first
  created_at timestamptz not null default now(),
  primary key (jurisdiction_id, id),
  unique (jurisdiction_id, subject)
);

-- A value entered by hand for a manual indicator (every entry audited; the latest counts).
create table performance_manual_value (
  jurisdiction_id bigint not null,
  template_id bigint not null,
  period text not null check (period ~ '^\d{4}-H[12]$'),
  subject_id bigint not null,     -- the community (place id) or the worker (staff_member id)
  indicator_key text not null,
  value numeric not null check (value >= 0 and value <= 100),
  reason text not null,
  entered_by text not null,
  entered_at timestamptz not null default now(),
  primary key (jurisdiction_id, template_id, period, subject_id, indicator_key),
  foreign key (jurisdiction_id, template_id) references performance_template (jurisdiction_id, id)
);
