CREATE SCHEMA "products";
--> statement-breakpoint
CREATE TABLE "products"."categories" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" uuid,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "products"."inbox" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "products"."outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "products"."outbox_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
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
CREATE TABLE "products"."products" (
	"id" uuid PRIMARY KEY NOT NULL,
	"sku" text NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"category_id" uuid NOT NULL,
	"price_amount" integer NOT NULL,
	"price_currency" text NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"document" jsonb NOT NULL,
	CONSTRAINT "products_price_amount_check" CHECK ("products"."products"."price_amount" >= 0),
	CONSTRAINT "products_price_currency_check" CHECK ("products"."products"."price_currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "products_version_check" CHECK ("products"."products"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "products"."categories" ADD CONSTRAINT "categories_parent_id_categories_id_fk" FOREIGN KEY ("parent_id") REFERENCES "products"."categories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "categories_slug_key" ON "products"."categories" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "categories_parent_position_idx" ON "products"."categories" USING btree ("parent_id","position","id");--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "products"."outbox" USING btree ("seq") WHERE "products"."outbox"."published_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "products_sku_key" ON "products"."products" USING btree ("sku");--> statement-breakpoint
CREATE UNIQUE INDEX "products_slug_key" ON "products"."products" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "products_category_idx" ON "products"."products" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "products_newest_idx" ON "products"."products" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "products_price_idx" ON "products"."products" USING btree ("price_amount","id");--> statement-breakpoint
CREATE INDEX "products_name_idx" ON "products"."products" USING btree ("name_key" COLLATE "C","id");