-- Custom migration (created with `drizzle-kit generate --custom`): a generation counter for the
-- tables the evaluate hot path reads on every request (who the caller is, which scheme, which
-- version). Triggers bump it on every change to them, so an in-memory copy is valid exactly while
-- the counter is unchanged, whoever made the change: this server, `kaohe token` in another process,
-- or direct SQL. Evaluations are not covered: storing one must not empty the caches.
CREATE TABLE `generation` (
  `id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
  `n` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `generation` (`id`, `n`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `organizations_generation_insert` AFTER INSERT ON `organizations` BEGIN UPDATE `generation` SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `organizations_generation_update` AFTER UPDATE ON `organizations` BEGIN UPDATE `generation` SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `organizations_generation_delete` AFTER DELETE ON `organizations` BEGIN UPDATE `generation` SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `tokens_generation_insert` AFTER INSERT ON `tokens` BEGIN UPDATE `generation` SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `tokens_generation_update` AFTER UPDATE ON `tokens` BEGIN UPDATE `generation` SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `tokens_generation_delete` AFTER DELETE ON `tokens` BEGIN UPDATE `generation` SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `schemes_generation_insert` AFTER INSERT ON `schemes` BEGIN UPDATE `generation` SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `schemes_generation_update` AFTER UPDATE ON `schemes` BEGIN UPDATE `generation` SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `schemes_generation_delete` AFTER DELETE ON `schemes` BEGIN UPDATE `generation` SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `scheme_versions_generation_insert` AFTER INSERT ON `scheme_versions` BEGIN UPDATE `generation` SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `scheme_versions_generation_update` AFTER UPDATE ON `scheme_versions` BEGIN UPDATE `generation` SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `scheme_versions_generation_delete` AFTER DELETE ON `scheme_versions` BEGIN UPDATE `generation` SET `n` = `n` + 1; END;
