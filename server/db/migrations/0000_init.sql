CREATE TABLE `evaluations` (
	`id` text PRIMARY KEY NOT NULL,
	`version_id` integer NOT NULL,
	`hash` text NOT NULL,
	`token_id` integer NOT NULL,
	`kind` text NOT NULL,
	`subject_ids` text NOT NULL,
	`input` text NOT NULL,
	`result` text NOT NULL,
	`explain` integer DEFAULT false NOT NULL,
	`idempotency_key` text,
	`request_hash` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `scheme_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`token_id`) REFERENCES `tokens`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "evaluations_kind" CHECK("evaluations"."kind" in ('single', 'cohort'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evaluations_idempotency` ON `evaluations` (`token_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `evaluations_version` ON `evaluations` (`version_id`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organizations_name_unique` ON `organizations` (`name`);--> statement-breakpoint
CREATE TABLE `scheme_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scheme_id` integer NOT NULL,
	`n` integer NOT NULL,
	`hash` text NOT NULL,
	`status` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`published_by` integer,
	`published_at` text,
	`source` text NOT NULL,
	FOREIGN KEY (`scheme_id`) REFERENCES `schemes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `tokens`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `tokens`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "scheme_versions_status" CHECK("scheme_versions"."status" in ('draft', 'published')),
	CONSTRAINT "scheme_versions_published_at" CHECK(("scheme_versions"."status" = 'published') = ("scheme_versions"."published_at" is not null)),
	CONSTRAINT "scheme_versions_n" CHECK("scheme_versions"."n" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scheme_versions_scheme_n` ON `scheme_versions` (`scheme_id`,`n`);--> statement-breakpoint
CREATE UNIQUE INDEX `scheme_versions_one_draft` ON `scheme_versions` (`scheme_id`) WHERE status = 'draft';--> statement-breakpoint
CREATE TABLE `schemes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`name` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `schemes_org_name` ON `schemes` (`org_id`,`name`);--> statement-breakpoint
CREATE TABLE `tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`public_id` text NOT NULL,
	`org_id` integer NOT NULL,
	`kind` text NOT NULL,
	`roles` text NOT NULL,
	`hash` text NOT NULL,
	`name` text,
	`created_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tokens_kind" CHECK("tokens"."kind" in ('bearer', 'session', 'signin'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tokens_public_id_unique` ON `tokens` (`public_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `tokens_hash_unique` ON `tokens` (`hash`);