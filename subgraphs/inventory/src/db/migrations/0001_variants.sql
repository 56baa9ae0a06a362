-- Stock per variant. Every product had exactly one default variant whose id is the product's id,
-- so existing stock rows, reservation items and ledger entries move to it unchanged.
ALTER TABLE "inventory"."reservation_items" DROP CONSTRAINT "reservation_items_product_id_stock_levels_product_id_fk";--> statement-breakpoint
DROP INDEX "inventory"."reservation_items_product_idx";--> statement-breakpoint
ALTER TABLE "inventory"."reservation_items" DROP CONSTRAINT "reservation_items_reservation_id_product_id_pk";--> statement-breakpoint
ALTER TABLE "inventory"."stock_levels" DROP CONSTRAINT "stock_levels_pkey";--> statement-breakpoint
ALTER TABLE "inventory"."stock_levels" ADD COLUMN "variant_id" text;--> statement-breakpoint
UPDATE "inventory"."stock_levels" SET "variant_id" = "product_id";--> statement-breakpoint
ALTER TABLE "inventory"."stock_levels" ALTER COLUMN "variant_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "inventory"."stock_levels" ADD PRIMARY KEY ("variant_id");--> statement-breakpoint
ALTER TABLE "inventory"."reservation_items" ADD COLUMN "variant_id" text;--> statement-breakpoint
UPDATE "inventory"."reservation_items" SET "variant_id" = "product_id";--> statement-breakpoint
ALTER TABLE "inventory"."reservation_items" ALTER COLUMN "variant_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "inventory"."reservation_items" ADD CONSTRAINT "reservation_items_reservation_id_variant_id_pk" PRIMARY KEY("reservation_id","variant_id");--> statement-breakpoint
ALTER TABLE "inventory"."stock_movements" ADD COLUMN "variant_id" text;--> statement-breakpoint
UPDATE "inventory"."stock_movements" SET "variant_id" = "product_id";--> statement-breakpoint
ALTER TABLE "inventory"."stock_movements" ALTER COLUMN "variant_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "inventory"."reservation_items" ADD CONSTRAINT "reservation_items_variant_id_stock_levels_variant_id_fk" FOREIGN KEY ("variant_id") REFERENCES "inventory"."stock_levels"("variant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reservation_items_variant_idx" ON "inventory"."reservation_items" USING btree ("variant_id");--> statement-breakpoint
CREATE INDEX "stock_levels_product_idx" ON "inventory"."stock_levels" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "stock_movements_variant_seq_idx" ON "inventory"."stock_movements" USING btree ("variant_id","seq");
