ALTER TABLE "orders"."carts" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "orders"."orders" ALTER COLUMN "customer_id" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "orders"."returns" ALTER COLUMN "customer_id" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "orders"."carts" ADD COLUMN "guest_key" text;--> statement-breakpoint
ALTER TABLE "orders"."orders" ADD COLUMN "guest_key" text;--> statement-breakpoint
ALTER TABLE "orders"."orders" ADD COLUMN "contact_email" text;--> statement-breakpoint
CREATE UNIQUE INDEX "carts_one_open_per_guest_idx" ON "orders"."carts" USING btree ("guest_key") WHERE "orders"."carts"."status" = 'open';--> statement-breakpoint
CREATE INDEX "carts_guest_key_idx" ON "orders"."carts" USING btree ("guest_key");--> statement-breakpoint
CREATE INDEX "orders_guest_key_idx" ON "orders"."orders" USING btree ("guest_key");--> statement-breakpoint
ALTER TABLE "orders"."carts" ADD CONSTRAINT "carts_owner_check" CHECK (("orders"."carts"."user_id" is null) <> ("orders"."carts"."guest_key" is null));