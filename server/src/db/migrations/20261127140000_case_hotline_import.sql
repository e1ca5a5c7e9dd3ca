-- Cases, 12345 hotline import (issue 4 §1): each import of a 12345 work-order file, and each work
-- order imported, keyed by its 12345 number per jurisdiction, so that a re-import is refused row by
-- row. The caller's name is never stored; the caller's phone only encrypted (AES-256-GCM) with its
-- keyed hash, as the people module keeps phone numbers, and never leaves the server.

create table case_import (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  account_id bigint not null,           -- who imported
  file_name text not null,
  status text not null check (status in ('running', 'succeeded', 'failed')),
  total integer not null check (total >= 0),   -- rows with content
  processed integer not null default 0,
  imported integer not null default 0,
  photos integer not null default 0,
  error text,                           -- why a failed import failed (nothing of it was kept)
  started_at timestamptz not null,
  finished_at timestamptz,
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, account_id) references account (jurisdiction_id, id)
);
create index case_import_started_idx on case_import (jurisdiction_id, started_at desc);

-- 12345 工单: the work-order number as the hotline gave it, the case it became, when the hotline
-- received it (受理时间), and the caller's phone encrypted (null when the file had none or a masked one).
create table case_hotline_order (
  jurisdiction_id bigint not null,
  order_number text not null,
  case_id bigint not null,
  import_id bigint not null,
  row_number integer not null,
  received_at timestamptz not null,
  caller_phone_enc text,
  caller_phone_hash text,
  primary key (jurisdiction_id, order_number),
  foreign key (jurisdiction_id, case_id) references case_record (jurisdiction_id, id),
  foreign key (jurisdiction_id, import_id) references case_import (jurisdiction_id, id),
  check ((caller_phone_enc is null) = (caller_phone_hash is null))
);
create unique index case_hotline_order_case_idx on case_hotline_order (jurisdiction_id, case_id);
