CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`org_id` integer,
	`actor` text,
	`actor_kind` text,
	`action` text NOT NULL,
	`target` text,
	`version` integer,
	`evaluation` text,
	`status` integer NOT NULL,
	`request_id` text,
	`address` text,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_org_at` ON `audit_log` (`org_id`,`at`);