-- The audit chain follows the order in which entries were appended, not their ids: an id is drawn
-- when the INSERT starts, before the chain lock is taken, so two concurrent writers could commit
-- out of id order. Each entry now gets its place in the chain (seq) under the lock.
alter table audit_event add column seq bigint;

alter table audit_event disable trigger audit_event_append_only;
update audit_event e set seq = ordered.n
from (select id, row_number() over (order by id) as n from audit_event) ordered
where ordered.id = e.id;
alter table audit_event enable trigger audit_event_append_only;

alter table audit_event alter column seq set not null;
create unique index audit_event_seq_idx on audit_event (seq);

create or replace function audit_event_chain() returns trigger language plpgsql as $$
declare
  last_entry record;
begin
  perform pg_advisory_xact_lock(7306812229);
  -- A fresh snapshot (this function is volatile): the last entry committed before the lock was ours.
  select hash, seq into last_entry from audit_event order by seq desc limit 1;
  new.seq := coalesce(last_entry.seq, 0) + 1;
  new.prev_hash := last_entry.hash;
  new.hash := audit_event_digest(new, new.prev_hash);
  return new;
end
$$;
