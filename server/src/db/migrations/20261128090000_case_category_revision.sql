-- A revision per jurisdiction's category catalogue, raised by every insert, update and delete of a
-- category: an app server keeps the catalogue in memory for intake and reads only this number to
-- know whether another server has changed it.
create table case_category_revision (
  jurisdiction_id bigint primary key references jurisdiction(id) on delete cascade,
  revision bigint not null
);

create function case_category_raise_revision() returns trigger language plpgsql as $$
begin
  insert into case_category_revision (jurisdiction_id, revision)
  values (coalesce(new.jurisdiction_id, old.jurisdiction_id), 1)
  on conflict (jurisdiction_id) do update set revision = case_category_revision.revision + 1;
  return null;
end
$$;

create trigger case_category_revision after insert or update or delete on case_category
  for each row execute function case_category_raise_revision();

insert into case_category_revision (jurisdiction_id, revision)
select distinct jurisdiction_id, 1 from case_category;
