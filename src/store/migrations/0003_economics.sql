CREATE TABLE "campaign_daily_stats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"day" date NOT NULL,
	"impressions" bigint DEFAULT 0 NOT NULL,
	"clicks" bigint DEFAULT 0 NOT NULL,
	"actions" integer DEFAULT 0 NOT NULL,
	"spend" numeric(16, 2),
	"currency" text DEFAULT 'RUB' NOT NULL,
	"note" text,
	"source" text DEFAULT 'manual' NOT NULL,
	"import_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cost_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_name" text,
	"campaign_id" uuid,
	"mapping" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"imported_rows" integer DEFAULT 0 NOT NULL,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "average_margin" numeric(16, 2);--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "lead_filters" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_daily_stats" ADD CONSTRAINT "campaign_daily_stats_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_imports" ADD CONSTRAINT "cost_imports_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_daily_stats_campaign_day_idx" ON "campaign_daily_stats" USING btree ("campaign_id","day");--> statement-breakpoint
CREATE INDEX "campaign_daily_stats_day_idx" ON "campaign_daily_stats" USING btree ("day");--> statement-breakpoint
CREATE INDEX "campaign_daily_stats_import_idx" ON "campaign_daily_stats" USING btree ("import_id") WHERE import_id IS NOT NULL;