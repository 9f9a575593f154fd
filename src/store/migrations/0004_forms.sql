CREATE TABLE "forms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"form_key" text NOT NULL,
	"fields" jsonb NOT NULL,
	"consent_text" jsonb NOT NULL,
	"success_message" jsonb NOT NULL,
	"campaign_id" uuid,
	"channel_id" uuid,
	"allowed_origins" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forms_form_key_unique" UNIQUE("form_key")
);
--> statement-breakpoint
ALTER TABLE "forms" ADD CONSTRAINT "forms_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forms" ADD CONSTRAINT "forms_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "forms_active_idx" ON "forms" USING btree ("active");