CREATE TABLE "promotions"."known_variants" (
	"variant_id" text PRIMARY KEY NOT NULL,
	"product_id" text NOT NULL,
	"price_currency" text NOT NULL,
	"published" boolean NOT NULL
);
--> statement-breakpoint
ALTER TABLE "promotions"."promotions" ADD COLUMN "variant_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "known_variants_product_idx" ON "promotions"."known_variants" USING btree ("product_id");--> statement-breakpoint
-- Every product known so far has its default variant, whose id is the product's (the catalog's own migration to variants); the next product event brings the full list.
INSERT INTO "promotions"."known_variants" ("variant_id", "product_id", "price_currency", "published")
SELECT "product_id", "product_id", "price_currency", "published" FROM "promotions"."known_products"
ON CONFLICT DO NOTHING;
