CREATE TABLE "orders"."known_coupons" (
	"promotion_id" text PRIMARY KEY NOT NULL,
	"coupon_code" text NOT NULL,
	"rule" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders"."orders" ADD COLUMN "coupon_rejection" jsonb;--> statement-breakpoint
CREATE INDEX "known_coupons_code_idx" ON "orders"."known_coupons" USING btree ("coupon_code");