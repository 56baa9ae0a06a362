CREATE SCHEMA "ratings";
--> statement-breakpoint
CREATE TABLE "ratings"."inbox" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "ratings"."known_products" (
	"product_id" text PRIMARY KEY NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"review_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "known_products_summary_check" CHECK ("ratings"."known_products"."review_count" >= 0 and "ratings"."known_products"."rating_sum" between "ratings"."known_products"."review_count" and 5 * "ratings"."known_products"."review_count")
);
--> statement-breakpoint
CREATE TABLE "ratings"."outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "ratings"."outbox_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
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
CREATE TABLE "ratings"."reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "ratings"."reviews_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"product_id" text NOT NULL,
	"user_id" text NOT NULL,
	"rating" smallint NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"verified_purchase" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviews_rating_check" CHECK ("ratings"."reviews"."rating" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "ratings"."reviews" ADD CONSTRAINT "reviews_product_id_known_products_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "ratings"."known_products"("product_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "ratings"."outbox" USING btree ("seq") WHERE "ratings"."outbox"."published_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_one_per_user_idx" ON "ratings"."reviews" USING btree ("product_id","user_id");--> statement-breakpoint
CREATE INDEX "reviews_product_seq_idx" ON "ratings"."reviews" USING btree ("product_id","seq");--> statement-breakpoint
CREATE INDEX "reviews_product_rating_idx" ON "ratings"."reviews" USING btree ("product_id","rating","seq");--> statement-breakpoint
CREATE INDEX "reviews_user_seq_idx" ON "ratings"."reviews" USING btree ("user_id","seq");