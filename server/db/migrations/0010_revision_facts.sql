CREATE TABLE `revision_facts` (
	`round_id` text NOT NULL,
	`n` integer NOT NULL,
	`facts` text NOT NULL,
	PRIMARY KEY(`round_id`, `n`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action
);
