-- Custom migration (created with `drizzle-kit generate --custom`): drizzle-kit has no notation for
-- triggers. A published scheme version is immutable and evaluations are write-once records; these
-- triggers hold even against direct SQL, not only against the server's code paths.
CREATE TRIGGER `scheme_versions_published_no_update`
BEFORE UPDATE ON `scheme_versions` WHEN OLD.`status` = 'published'
BEGIN
  SELECT RAISE(ABORT, 'kaohe: a published scheme version is immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `scheme_versions_published_no_delete`
BEFORE DELETE ON `scheme_versions` WHEN OLD.`status` = 'published'
BEGIN
  SELECT RAISE(ABORT, 'kaohe: a published scheme version is immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `evaluations_no_update`
BEFORE UPDATE ON `evaluations`
BEGIN
  SELECT RAISE(ABORT, 'kaohe: a stored evaluation is immutable');
END;
