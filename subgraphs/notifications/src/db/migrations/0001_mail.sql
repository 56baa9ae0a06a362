CREATE TABLE "notifications"."mail_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "notifications"."mail_outbox_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source_event_id" uuid NOT NULL,
	"template" text NOT NULL,
	"recipient_id" text NOT NULL,
	"to_address" text,
	"data" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications"."recipients" (
	"user_id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "mail_outbox_source_event_template_idx" ON "notifications"."mail_outbox" USING btree ("source_event_id","template");--> statement-breakpoint
CREATE INDEX "mail_outbox_due_idx" ON "notifications"."mail_outbox" USING btree ("next_attempt_at") WHERE "notifications"."mail_outbox"."sent_at" is null;