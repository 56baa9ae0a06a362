-- Trigram similarity (typo tolerance) and its GIN operator class; contrib on PostgreSQL, loaded by @shop/db on PGlite.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE SCHEMA "search";
--> statement-breakpoint
CREATE TABLE "search"."documents" (
	"product_id" text PRIMARY KEY NOT NULL,
	"name" text,
	"sku" text,
	"category_id" text,
	"price_amount" integer,
	"price_currency" text,
	"published" boolean DEFAULT false NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone,
	"product_changed_at" timestamp (3) with time zone,
	"in_stock" boolean DEFAULT false NOT NULL,
	"stock" integer DEFAULT 0 NOT NULL,
	"stock_changed_at" timestamp (3) with time zone,
	"average_rating" double precision,
	"review_count" integer DEFAULT 0 NOT NULL,
	"rating_changed_at" timestamp (3) with time zone,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce(name, '')), 'A') || setweight(to_tsvector('english', coalesce(sku, '')), 'A') || setweight(to_tsvector('english', coalesce(category_id, '')), 'C')) STORED
);
--> statement-breakpoint
CREATE TABLE "search"."inbox" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "search"."terms" (
	"term" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE INDEX "documents_search_vector_idx" ON "search"."documents" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "documents_name_trgm_idx" ON "search"."documents" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "documents_category_idx" ON "search"."documents" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "documents_price_idx" ON "search"."documents" USING btree ("price_amount","product_id");--> statement-breakpoint
CREATE INDEX "documents_created_idx" ON "search"."documents" USING btree ("created_at","product_id");