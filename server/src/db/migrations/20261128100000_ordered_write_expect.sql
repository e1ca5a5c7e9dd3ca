-- For `executeInOrder` (db/ordered-writes.ts): a write of a statement that must touch exactly the rows
-- expected (an intake batch claims every Idempotency-Key and attaches every photo, or writes
-- nothing). Raising here ends the statement, and so undoes all of its writes.
create function ordered_write_expect(ok boolean) returns boolean language plpgsql as $$
begin
  if not ok then
    raise exception 'a write of the statement touched other rows than expected' using errcode = 'JZ409';
  end if;
  return true;
end
$$;
