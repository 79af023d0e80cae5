-- Custom migration (created with `drizzle-kit generate --custom`): drizzle-kit has no notation for
-- triggers. The audit log is append-only (等保): these triggers refuse to change or remove a record,
-- whoever tries — the server, `kaohe` in another process, or direct SQL.
CREATE TRIGGER `audit_log_no_update`
BEFORE UPDATE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'kaohe: the audit log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete`
BEFORE DELETE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'kaohe: the audit log is append-only');
END;
