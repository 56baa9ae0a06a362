CREATE SCHEMA "shipping";
--> statement-breakpoint
CREATE TABLE "shipping"."inbox" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "shipping"."outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "shipping"."outbox_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"topic" text NOT NULL,
	"key" text NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "shipping"."shipments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"carrier" text NOT NULL,
	"tracking_number" text NOT NULL,
	"status" text NOT NULL,
	"items" jsonb NOT NULL,
	"address" jsonb NOT NULL,
	"history" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shipments_order_key" UNIQUE("order_id"),
	CONSTRAINT "shipments_tracking_number_key" UNIQUE("tracking_number"),
	CONSTRAINT "shipments_status" CHECK ("shipping"."shipments"."status" in ('PENDING', 'SHIPPED', 'DELIVERED', 'CANCELLED'))
);
--> statement-breakpoint
CREATE TABLE "shipping"."shipping_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "shipping"."shipping_rates_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"country" text NOT NULL,
	"carrier" text NOT NULL,
	"name" text NOT NULL,
	"price_amount" integer NOT NULL,
	"currency" text NOT NULL,
	"free_over_amount" integer,
	"estimated_days" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shipping_rates_service_key" UNIQUE("country","carrier","name","currency"),
	CONSTRAINT "shipping_rates_price_non_negative" CHECK ("shipping"."shipping_rates"."price_amount" >= 0),
	CONSTRAINT "shipping_rates_free_over_non_negative" CHECK ("shipping"."shipping_rates"."free_over_amount" is null or "shipping"."shipping_rates"."free_over_amount" >= 0),
	CONSTRAINT "shipping_rates_estimated_days" CHECK ("shipping"."shipping_rates"."estimated_days" between 0 and 365)
);
--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "shipping"."outbox" USING btree ("seq") WHERE "shipping"."outbox"."published_at" is null;--> statement-breakpoint
CREATE INDEX "shipments_customer_idx" ON "shipping"."shipments" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "shipping_rates_country_seq_idx" ON "shipping"."shipping_rates" USING btree ("country","seq");