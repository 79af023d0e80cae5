-- Custom migration (`drizzle-kit generate --custom`): the triggers of the SQLite migrations 0001, 0002,
-- 0004, 0007 and 0012, with the same names and messages, so that they hold against direct SQL and other
-- processes as they do on SQLite. PostgreSQL 10+ and compatible forks: plpgsql, EXECUTE PROCEDURE (not
-- the newer EXECUTE FUNCTION), no extensions.
--
-- A refusal is RAISE EXCEPTION with SQLSTATE 23001 (restrict_violation; TRIGGER_REFUSAL in schema.ts)
-- and SQLite's message, `kaohe: …`. TRUNCATE fires no row trigger, so it is refused whole on the tables
-- whose rows are refused DELETE; truncating a table of the generation counter cascades into one of
-- them (audit_log, scheme_versions), so no TRUNCATE trigger bumps the counter.
--
-- The functions run with the search_path they were created with: whoever writes (the server, `kaohe`,
-- psql with another search_path), they find this schema's `generation`.
CREATE FUNCTION kaohe_refuse() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = '23001';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "scheme_versions_published_no_update" BEFORE UPDATE ON "scheme_versions"
  FOR EACH ROW WHEN (OLD."status" = 'published')
  EXECUTE PROCEDURE kaohe_refuse('kaohe: a published scheme version is immutable');
--> statement-breakpoint
CREATE TRIGGER "scheme_versions_published_no_delete" BEFORE DELETE ON "scheme_versions"
  FOR EACH ROW WHEN (OLD."status" = 'published')
  EXECUTE PROCEDURE kaohe_refuse('kaohe: a published scheme version is immutable');
--> statement-breakpoint
CREATE TRIGGER "scheme_versions_published_no_truncate" BEFORE TRUNCATE ON "scheme_versions"
  FOR EACH STATEMENT EXECUTE PROCEDURE kaohe_refuse('kaohe: a published scheme version is immutable');
--> statement-breakpoint
CREATE TRIGGER "evaluations_no_update" BEFORE UPDATE ON "evaluations"
  FOR EACH ROW EXECUTE PROCEDURE kaohe_refuse('kaohe: a stored evaluation is immutable');
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_update" BEFORE UPDATE ON "audit_log"
  FOR EACH ROW EXECUTE PROCEDURE kaohe_refuse('kaohe: the audit log is append-only');
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_delete" BEFORE DELETE ON "audit_log"
  FOR EACH ROW EXECUTE PROCEDURE kaohe_refuse('kaohe: the audit log is append-only');
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE PROCEDURE kaohe_refuse('kaohe: the audit log is append-only');
--> statement-breakpoint
CREATE TRIGGER "round_records_no_update" BEFORE UPDATE ON "round_records"
  FOR EACH ROW EXECUTE PROCEDURE kaohe_refuse('kaohe: round records are append-only');
--> statement-breakpoint
CREATE TRIGGER "round_records_no_delete" BEFORE DELETE ON "round_records"
  FOR EACH ROW EXECUTE PROCEDURE kaohe_refuse('kaohe: round records are append-only');
--> statement-breakpoint
CREATE TRIGGER "round_records_no_truncate" BEFORE TRUNCATE ON "round_records"
  FOR EACH STATEMENT EXECUTE PROCEDURE kaohe_refuse('kaohe: round records are append-only');
--> statement-breakpoint
-- The generation counter (SQLite 0002, 0007): bumped by every change to what the evaluate hot path
-- keeps in memory (organizations, accounts, tokens, schemes, versions), so a copy is valid exactly
-- while the counter is unchanged. Each bump also notifies channel kaohe_generation with the new value,
-- delivered at commit, so a server that LISTENs empties its caches without polling. Once per statement,
-- where SQLite bumps per row: each bump is a new version of the one generation row, and a transaction
-- that updates one row many times slows down quadratically (measured on PostgreSQL 15: 20,000 token
-- rows in one INSERT, 4.6 s with a bump per row, 0.33 s without; 5,000 and 10,000 bumps in one
-- transaction 0.29 s and 1.07 s). A statement that changes no row bumps too: a needless emptying of
-- the caches, never a stale one.
CREATE TABLE "generation" (
  "id" integer PRIMARY KEY NOT NULL CHECK ("id" = 1),
  "n" integer NOT NULL
);
--> statement-breakpoint
INSERT INTO "generation" ("id", "n") VALUES (1, 0);
--> statement-breakpoint
CREATE FUNCTION kaohe_generation_bump() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  bumped integer;
BEGIN
  UPDATE "generation" SET "n" = "n" + 1 WHERE "id" = 1 RETURNING "n" INTO bumped;
  PERFORM pg_notify('kaohe_generation', bumped::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "organizations_generation_insert" AFTER INSERT ON "organizations" FOR EACH STATEMENT EXECUTE PROCEDURE kaohe_generation_bump();
--> statement-breakpoint
CREATE TRIGGER "organizations_generation_update" AFTER UPDATE ON "organizations" FOR EACH STATEMENT EXECUTE PROCEDURE kaohe_generation_bump();
--> statement-breakpoint
CREATE TRIGGER "organizations_generation_delete" AFTER DELETE ON "organizations" FOR EACH STATEMENT EXECUTE PROCEDURE kaohe_generation_bump();
--> statement-breakpoint
CREATE TRIGGER "tokens_generation_insert" AFTER INSERT ON "tokens" FOR EACH STATEMENT EXECUTE PROCEDURE kaohe_generation_bump();
--> statement-breakpoint
CREATE TRIGGER "tokens_generation_update" AFTER UPDATE ON "tokens" FOR EACH STATEMENT EXECUTE PROCEDURE kaohe_generation_bump();
--> statement-breakpoint
CREATE TRIGGER "tokens_generation_delete" AFTER DELETE ON "tokens" FOR EACH STATEMENT EXECUTE PROCEDURE kaohe_generation_bump();
--> statement-breakpoint
CREATE TRIGGER "schemes_generation_insert" AFTER INSERT ON "schemes" FOR EACH STATEMENT EXECUTE PROCEDURE kaohe_generation_bump();
--> statement-breakpoint
CREATE TRIGGER "schemes_generation_update" AFTER UPDATE ON "schemes" FOR EACH STATEMENT EXECUTE PROCEDURE kaohe_generation_bump();
--> statement-breakpoint
CREATE TRIGGER "schemes_generation_delete" AFTER DELETE ON "schemes" FOR EACH STATEMENT EXECUTE PROCEDURE kaohe_generation_bump();
--> statement-breakpoint
CREATE TRIGGER "scheme_versions_generation_insert" AFTER INSERT ON "scheme_versions" FOR EACH STATEMENT EXECUTE PROCEDURE kaohe_generation_bump();
--> statement-breakpoint
CREATE TRIGGER "scheme_versions_generation_update" AFTER UPDATE ON "scheme_versions" FOR EACH STATEMENT EXECUTE PROCEDURE kaohe_generation_bump();
--> statement-breakpoint
CREATE TRIGGER "scheme_versions_generation_delete" AFTER DELETE ON "scheme_versions" FOR EACH STATEMENT EXECUTE PROCEDURE kaohe_generation_bump();
--> statement-breakpoint
CREATE TRIGGER "accounts_generation_insert" AFTER INSERT ON "accounts" FOR EACH STATEMENT EXECUTE PROCEDURE kaohe_generation_bump();
--> statement-breakpoint
CREATE TRIGGER "accounts_generation_update" AFTER UPDATE ON "accounts" FOR EACH STATEMENT EXECUTE PROCEDURE kaohe_generation_bump();
--> statement-breakpoint
CREATE TRIGGER "accounts_generation_delete" AFTER DELETE ON "accounts" FOR EACH STATEMENT EXECUTE PROCEDURE kaohe_generation_bump();
