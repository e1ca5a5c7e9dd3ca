-- Open311 GeoReport v2 (issue 4): the API keys of outside systems (a 12345 hotline system, a city
-- app) that may POST service requests. The key itself is shown once when it is made; only its
-- SHA-256 is kept, as for session tokens. Cases posted with a key are reported as its owner account
-- (whose role must hold cases.report) through the cases intake, with channel `api`.
create table open311_api_key (
  jurisdiction_id bigint not null references jurisdiction(id),
  id bigint generated always as identity,
  key_hash text not null,               -- hex SHA-256 of the key
  owner_account_id bigint not null,     -- the account the cases are reported as
  label text not null,                  -- who holds the key, for people to read
  created_at timestamptz not null,
  revoked_at timestamptz,               -- a revoked key is refused (403)
  primary key (jurisdiction_id, id),
  foreign key (jurisdiction_id, owner_account_id) references account (jurisdiction_id, id)
);
create unique index open311_api_key_hash_idx on open311_api_key (key_hash);
