CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`name` text NOT NULL,
	`roles` text NOT NULL,
	`units` text,
	`created_at` text NOT NULL,
	`disabled_at` text,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_org_name` ON `accounts` (`org_id`,`name`);--> statement-breakpoint
CREATE TABLE `amendments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` text NOT NULL,
	`subject_id` text NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`reason` text NOT NULL,
	`token_id` integer NOT NULL,
	`account_id` integer,
	`revision` integer NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`token_id`) REFERENCES `tokens`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `input_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`token_id` integer NOT NULL,
	`idempotency_key` text,
	`request_hash` text,
	`response` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`token_id`) REFERENCES `tokens`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `input_batches_idempotency` ON `input_batches` (`round_id`,`token_id`,`idempotency_key`);--> statement-breakpoint
CREATE TABLE `input_parts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` text NOT NULL,
	`subject_id` text NOT NULL,
	`field` text NOT NULL,
	`value` text NOT NULL,
	`part` text,
	`batch` text NOT NULL,
	`token_id` integer NOT NULL,
	`account_id` integer,
	`at` text NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`token_id`) REFERENCES `tokens`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `input_parts_round_subject_field` ON `input_parts` (`round_id`,`subject_id`,`field`,`id`);--> statement-breakpoint
CREATE TABLE `revisions` (
	`round_id` text NOT NULL,
	`n` integer NOT NULL,
	`inputs` text NOT NULL,
	`result` text NOT NULL,
	`exact` text NOT NULL,
	`sources` text DEFAULT '[]' NOT NULL,
	`amendment_id` integer,
	`token_id` integer NOT NULL,
	`account_id` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`token_id`) REFERENCES `tokens`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `revisions_round_n` ON `revisions` (`round_id`,`n`);--> statement-breakpoint
CREATE TABLE `round_members` (
	`round_id` text NOT NULL,
	`subject_id` text NOT NULL,
	`unit` text,
	`status` text NOT NULL,
	`counts_in_base` integer DEFAULT true NOT NULL,
	`display` text,
	`position` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "round_members_status" CHECK("round_members"."status" in ('take', 'absent', 'ungraded'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `round_members_round_subject` ON `round_members` (`round_id`,`subject_id`);--> statement-breakpoint
CREATE TABLE `rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` integer NOT NULL,
	`scheme_id` integer NOT NULL,
	`version_id` integer NOT NULL,
	`period` text NOT NULL,
	`unit` text,
	`name` text,
	`status` text NOT NULL,
	`publicity_until` text,
	`appeal_days` integer DEFAULT 30 NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	`out_of_date` integer DEFAULT false NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`finalized_at` text,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`scheme_id`) REFERENCES `schemes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `scheme_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `tokens`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rounds_status" CHECK("rounds"."status" in ('open', 'evaluated', 'publicity', 'final'))
);
--> statement-breakpoint
CREATE INDEX `rounds_org_scheme_period` ON `rounds` (`org_id`,`scheme_id`,`period`);--> statement-breakpoint
CREATE TABLE `subject_results` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`scheme_id` integer NOT NULL,
	`subject_id` text NOT NULL,
	`period` text NOT NULL,
	`round_id` text,
	`revision` integer,
	`unit` text,
	`score` text,
	`score_exact` text,
	`grade` text,
	`final` integer DEFAULT false NOT NULL,
	`imported` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`scheme_id`) REFERENCES `schemes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `subject_results_lookup` ON `subject_results` (`org_id`,`scheme_id`,`subject_id`,`period`);--> statement-breakpoint
CREATE INDEX `subject_results_subject` ON `subject_results` (`org_id`,`subject_id`,`period`);--> statement-breakpoint
CREATE INDEX `subject_results_round` ON `subject_results` (`round_id`);--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`url` text NOT NULL,
	`secret` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `evaluations` ADD `period` text;--> statement-breakpoint
CREATE INDEX `evaluations_period` ON `evaluations` (`period`);--> statement-breakpoint
ALTER TABLE `tokens` ADD `account_id` integer REFERENCES accounts(id);