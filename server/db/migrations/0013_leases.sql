CREATE TABLE `auth_failures` (
	`key` text PRIMARY KEY NOT NULL,
	`start` integer NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `auth_failures_start` ON `auth_failures` (`start`);--> statement-breakpoint
CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`until` text NOT NULL
);
