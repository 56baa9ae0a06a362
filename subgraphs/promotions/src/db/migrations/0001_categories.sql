CREATE TABLE "promotions"."categories" (
	"category_id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" text,
	"changed_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "categories_slug_idx" ON "promotions"."categories" USING btree ("slug");