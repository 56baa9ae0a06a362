CREATE TABLE "orders"."known_shipping_rates" (
	"rate_id" text PRIMARY KEY NOT NULL,
	"country" text NOT NULL,
	"currency" text NOT NULL,
	"carrier" text NOT NULL,
	"name" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders"."carts" ADD COLUMN "shipping_method_id" text;--> statement-breakpoint
ALTER TABLE "orders"."carts" ADD COLUMN "shipping_method_notice" text;