CREATE TABLE "auth_failures" (
	"key" text COLLATE "C" PRIMARY KEY NOT NULL,
	"start" bigint NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leases" (
	"name" text COLLATE "C" PRIMARY KEY NOT NULL,
	"holder" text COLLATE "C" NOT NULL,
	"until" text COLLATE "C" NOT NULL
);
--> statement-breakpoint
CREATE INDEX "auth_failures_start" ON "auth_failures" USING btree ("start");