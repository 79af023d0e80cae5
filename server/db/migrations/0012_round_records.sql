CREATE TABLE `round_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`round_id` text NOT NULL,
	`kind` text NOT NULL,
	`detail` text NOT NULL,
	`reason` text NOT NULL,
	`token_id` integer NOT NULL,
	`account_id` integer,
	`at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`token_id`) REFERENCES `tokens`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "round_records_kind" CHECK("round_records"."kind" in ('publicity_late', 'voided'))
);
--> statement-breakpoint
CREATE INDEX `round_records_round` ON `round_records` (`org_id`,`round_id`);--> statement-breakpoint
CREATE TRIGGER `round_records_no_update`
BEFORE UPDATE ON `round_records`
BEGIN
  SELECT RAISE(ABORT, 'kaohe: round records are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `round_records_no_delete`
BEFORE DELETE ON `round_records`
BEGIN
  SELECT RAISE(ABORT, 'kaohe: round records are append-only');
END;
