-- AlterTable
-- Every entry written so far was chained with plain sha256: it keeps version 1 and is verified as
-- it was written. The default only labels those rows (adding a column updates no row, so the
-- append-only trigger does not fire); new entries always name their version.
ALTER TABLE "audit_entries" ADD COLUMN     "chain_version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "audit_entries" ALTER COLUMN "chain_version" DROP DEFAULT;

-- The hub runs as an application role that owns nothing, so it cannot disable the append-only
-- trigger, drop it or alter the table; migrations run as the owner. Privileges go to the group role
-- hub_application, of which the hub's login role is a member. This function is the one list of what
-- the application may do: the hub calls it as the owner at every start (after pg-boss has installed
-- its schema, and after a later migration added tables), so it must stay idempotent.
CREATE FUNCTION hub_grant_application_privileges() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hub_application') THEN
    BEGIN
      CREATE ROLE hub_application NOLOGIN;
    EXCEPTION WHEN insufficient_privilege THEN
      -- An external database whose owner may not create roles: the hub keeps working with one role
      -- and warns at start; the administrator creates the role (see README) and the next start grants.
      RAISE WARNING 'role hub_application does not exist and % may not create it: CREATE ROLE hub_application NOLOGIN; GRANT hub_application TO <the hub''s login role>', current_user;
      RETURN;
    WHEN duplicate_object THEN
      NULL; -- another hub on the same server created it first
    END;
  END IF;

  GRANT USAGE ON SCHEMA public TO hub_application;
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO hub_application;
  GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO hub_application;
  -- Tables a later migration creates (as this same owner) get the same privileges.
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO hub_application;
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO hub_application;
  -- The trail is read and appended to, nothing else; the migration history is the owner's.
  REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_entries FROM hub_application;
  REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON _prisma_migrations FROM hub_application;

  -- pg-boss installs its schema (and a table per queue) as the owner at start; the application
  -- only moves jobs through it.
  IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'pgboss') THEN
    GRANT USAGE ON SCHEMA pgboss TO hub_application;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO hub_application;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA pgboss TO hub_application;
    ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO hub_application;
  END IF;
END;
$$;
REVOKE EXECUTE ON FUNCTION hub_grant_application_privileges() FROM PUBLIC;

SELECT hub_grant_application_privileges();
