CREATE TABLE "products"."variant_keys" (
	"variant_id" uuid PRIMARY KEY NOT NULL,
	"sku" text NOT NULL,
	"product_id" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "products"."variant_keys" ADD CONSTRAINT "variant_keys_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "products"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "variant_keys_sku_key" ON "products"."variant_keys" USING btree ("sku");--> statement-breakpoint
CREATE INDEX "variant_keys_product_idx" ON "products"."variant_keys" USING btree ("product_id");--> statement-breakpoint
-- Data: every product stored before variants gets no options and one default variant carrying its
-- id (so stock kept per product id maps to its default variant unchanged), sku and price, published.
-- Not a version bump: nothing a reader sees changes. Same shape as defaultVariant() in variant-rules.ts.
UPDATE "products"."products" SET "document" = "document" || jsonb_build_object(
	'options', '[]'::jsonb,
	'variants', jsonb_build_array(jsonb_build_object(
		'id', "id"::text, 'sku', "sku", 'optionValueIds', '[]'::jsonb,
		'price', jsonb_build_object('amount', "price_amount", 'currency', "price_currency"),
		'compareAtPrice', 'null'::jsonb, 'images', '[]'::jsonb, 'published', true, 'weightGrams', 'null'::jsonb
	))
) WHERE NOT ("document" ? 'variants');--> statement-breakpoint
INSERT INTO "products"."variant_keys" ("variant_id", "sku", "product_id")
	SELECT ("variant"->>'id')::uuid, "variant"->>'sku', "p"."id"
	FROM "products"."products" "p", jsonb_array_elements("p"."document"->'variants') AS "variant";
