CREATE TABLE "orders"."verified_emails" (
	"user_id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"verified_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "orders"."orders_customer_idempotency_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "orders_customer_idempotency_idx" ON "orders"."orders" USING btree ("customer_id",coalesce("guest_key", ''),"idempotency_key");