-- Notifications in the app (通知, issue 4 §4) and the followers of a case (我也遇到, issue 4 §5).

-- 通知: one row per recipient, written in the transaction of what it announces; a NOTIFY on the
-- channel `jingzhi_notification` (sent in the same transaction, so only on commit) tells every app
-- server to push it to the recipient's open streams. The module that writes them knows no domain:
-- `subject_type` / `subject_id` name what it is about ('case', '42'), `link` where the web app opens it.
create table notification (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  account_id bigint not null,
  topic text not null,                  -- e.g. 'action_needed', 'status_changed'
  title text not null,
  body text not null default '',
  link text,
  subject_type text,
  subject_id text,
  created_at timestamptz not null,
  read_at timestamptz,
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, account_id) references account (jurisdiction_id, id)
);
create index notification_account_idx on notification (jurisdiction_id, account_id, id);
create index notification_unread_idx on notification (jurisdiction_id, account_id, id) where read_at is null;

-- Who must act on a case is found by account scope (the grid's workers, the community's staff, a
-- department's staff): accounts by the place or department they are scoped to.
create index account_scope_idx on account (jurisdiction_id, scope_level, scope_id);

-- 关注: accounts that follow a case they did not report: "me too" (我也遇到) on a possible duplicate,
-- or the reporter and followers of a case merged into this one. They read it as its reporter does
-- (never the reporter's identity) and hear of its milestones as the reporter does.
create table case_follower (
  jurisdiction_id bigint not null,
  case_id bigint not null,
  account_id bigint not null,
  since timestamptz not null,
  via text not null check (via in ('me_too', 'merge')),
  primary key (jurisdiction_id, case_id, account_id),
  foreign key (jurisdiction_id, case_id) references case_record (jurisdiction_id, id),
  foreign key (jurisdiction_id, account_id) references account (jurisdiction_id, id)
);
create index case_follower_account_idx on case_follower (jurisdiction_id, account_id, case_id);

-- Possible duplicates: open cases of one category reported recently (a point near, checked after).
create index case_record_open_category_idx on case_record (jurisdiction_id, category_code, reported_at)
  where closed_at is null;
