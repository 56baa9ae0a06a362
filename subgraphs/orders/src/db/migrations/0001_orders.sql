CREATE TABLE "orders"."order_status_history" (
	"order_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders"."orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"customer_id" uuid NOT NULL,
	"cart_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" text NOT NULL,
	"currency" text NOT NULL,
	"lines" jsonb NOT NULL,
	"coupon_code" text,
	"shipping_address" jsonb NOT NULL,
	"payment_token" text NOT NULL,
	"subtotal" integer NOT NULL,
	"discount" integer,
	"promotions" jsonb,
	"shipping_cost" integer,
	"carrier" text,
	"tax" integer,
	"total" integer,
	"cancel_code" text,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders"."order_status_history" ADD CONSTRAINT "order_status_history_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "orders"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "order_status_history_pk" ON "orders"."order_status_history" USING btree ("order_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_customer_idempotency_idx" ON "orders"."orders" USING btree ("customer_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_seq_idx" ON "orders"."orders" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "orders_customer_seq_idx" ON "orders"."orders" USING btree ("customer_id","seq");--> statement-breakpoint
CREATE INDEX "orders_status_seq_idx" ON "orders"."orders" USING btree ("status","seq");