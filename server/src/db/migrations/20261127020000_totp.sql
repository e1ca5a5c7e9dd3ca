-- Optional second factor (TOTP, RFC 6238) for staff; required for administrators when configured.
-- account.totp_secret holds the encrypted secret (pending until enabled); the last accepted time
-- step refuses a code used twice.
alter table account add column totp_enabled boolean not null default false;
alter table account add column totp_last_step bigint;
