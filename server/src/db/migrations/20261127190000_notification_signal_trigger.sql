-- New notifications signal the app servers from the database: every statement that inserts
-- notification rows sends, on the channel the servers listen on, the accounts that have news
-- (`n:<jurisdiction>:<account>,<account>…`, at most 500 accounts per signal, as notify.ts reads them).
-- NOTIFY is delivered when the transaction commits and dropped on rollback. A write of notifications
-- therefore never needs a statement of its own to announce them, and can go with others in one.
create function notification_signal() returns trigger language plpgsql as $$
declare
  chunk record;
begin
  for chunk in
    select jurisdiction_id, string_agg(account_id::text, ',' order by account_id) as accounts
    from (
      select jurisdiction_id, account_id,
             (row_number() over (partition by jurisdiction_id order by account_id) - 1) / 500 as part
      from (select distinct jurisdiction_id, account_id from new_rows) accounts
    ) numbered
    group by jurisdiction_id, part
  loop
    perform pg_notify('jingzhi_notification', 'n:' || chunk.jurisdiction_id || ':' || chunk.accounts);
  end loop;
  return null;
end
$$;

create trigger notification_signal after insert on notification
  referencing new table as new_rows
  for each statement execute function notification_signal();
