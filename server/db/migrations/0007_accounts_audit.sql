ALTER TABLE `audit_log` ADD `account` text;
--> statement-breakpoint
-- Added by hand (issue 14, accounts): a token's principal carries its account's roles, units and
-- disabled state, so a change to an account must empty the in-memory copies of principals as a
-- change to tokens does (migration 0002's generation counter), whoever makes it.
CREATE TRIGGER `accounts_generation_insert` AFTER INSERT ON `accounts` BEGIN UPDATE `generation` SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `accounts_generation_update` AFTER UPDATE ON `accounts` BEGIN UPDATE `generation` SET `n` = `n` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `accounts_generation_delete` AFTER DELETE ON `accounts` BEGIN UPDATE `generation` SET `n` = `n` + 1; END;
