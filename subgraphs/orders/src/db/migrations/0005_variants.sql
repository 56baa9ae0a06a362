-- Variants. Every product had exactly one default variant carrying the product's id, sku and
-- price, so the known products get it, cart lines point at it and order lines name it.
CREATE TABLE "orders"."known_variants" (
	"variant_id" text PRIMARY KEY NOT NULL,
	"product_id" text NOT NULL,
	"sku" text NOT NULL,
	"price_amount" integer NOT NULL,
	"price_currency" text NOT NULL,
	"published" boolean NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"option_values" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders"."known_variants" ADD CONSTRAINT "known_variants_product_id_known_products_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "orders"."known_products"("product_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "known_variants_product_idx" ON "orders"."known_variants" USING btree ("product_id");--> statement-breakpoint
INSERT INTO "orders"."known_variants" ("variant_id", "product_id", "sku", "price_amount", "price_currency", "published", "updated_at")
	SELECT "product_id", "product_id", "sku", "price_amount", "price_currency", true, "updated_at" FROM "orders"."known_products";--> statement-breakpoint
DROP INDEX "orders"."cart_items_cart_product_idx";--> statement-breakpoint
ALTER TABLE "orders"."cart_items" ADD COLUMN "variant_id" text;--> statement-breakpoint
UPDATE "orders"."cart_items" SET "variant_id" = "product_id";--> statement-breakpoint
ALTER TABLE "orders"."cart_items" ALTER COLUMN "variant_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "orders"."cart_items" ADD CONSTRAINT "cart_items_variant_id_known_variants_variant_id_fk" FOREIGN KEY ("variant_id") REFERENCES "orders"."known_variants"("variant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cart_items_cart_variant_idx" ON "orders"."cart_items" USING btree ("cart_id","variant_id");--> statement-breakpoint
CREATE INDEX "cart_items_variant_idx" ON "orders"."cart_items" USING btree ("variant_id");--> statement-breakpoint
UPDATE "orders"."orders" AS o SET "lines" = (
	SELECT coalesce(jsonb_agg(line || jsonb_build_object('variantId', line->>'productId', 'sku', kp."sku", 'optionValues', '[]'::jsonb) ORDER BY n), '[]'::jsonb)
	FROM jsonb_array_elements(o."lines") WITH ORDINALITY AS l(line, n)
	LEFT JOIN "orders"."known_products" kp ON kp."product_id" = line->>'productId'
);
