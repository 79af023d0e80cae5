DROP INDEX `evaluations_idempotency`;--> statement-breakpoint
DROP INDEX `evaluations_period`;--> statement-breakpoint
CREATE UNIQUE INDEX `evaluations_idempotency` ON `evaluations` (`token_id`,`idempotency_key`) WHERE "evaluations"."idempotency_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `evaluations_period` ON `evaluations` (`period`) WHERE "evaluations"."period" IS NOT NULL;