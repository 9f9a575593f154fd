CREATE TABLE "report_cache" (
	"grouping" text NOT NULL,
	"time_zone" text NOT NULL,
	"filter" text NOT NULL,
	"from_day" date NOT NULL,
	"until_day" date NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"snapshot" text NOT NULL,
	"snapshot_xmin" bigint NOT NULL,
	"rows" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_cache_grouping_time_zone_filter_from_day_until_day_pk" PRIMARY KEY("grouping","time_zone","filter","from_day","until_day")
);
--> statement-breakpoint
CREATE TABLE "report_changes" (
	"txid" bigint NOT NULL,
	"from_at" timestamp with time zone NOT NULL,
	"to_at" timestamp with time zone NOT NULL,
	"scope" text NOT NULL,
	"logged_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "report_changes_txid_idx" ON "report_changes" USING btree ("txid");--> statement-breakpoint
-- Logs a change for the report cache: the time range of report figures a statement may have
-- changed. Ranges that start after the last few minutes are skipped: they cannot reach a closed
-- bucket (the cache keeps only buckets that ended an hour ago), so capture writes nothing here.
CREATE FUNCTION report_log_change(from_at timestamptz, to_at timestamptz, scope text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "report_changes" (txid, from_at, to_at, scope)
  SELECT pg_current_xact_id()::text::bigint, from_at, coalesce(to_at, from_at), scope
  WHERE from_at IS NOT NULL AND from_at < transaction_timestamp() - interval '5 minutes';
$$;--> statement-breakpoint
-- Leads: their cohort (created_at) whenever a counted column changes; and, when the owner or the
-- form changes, every later instant for form and owner reports, whose inquiries follow the card
-- (from its first inquiry, which may be older than the card after a merge).
CREATE FUNCTION leads_log_report_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  lo timestamptz;
  hi timestamptz;
  follows timestamptz;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT min(created_at), max(created_at) INTO lo, hi FROM new_leads;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT min(created_at), max(created_at) INTO lo, hi FROM old_leads;
    PERFORM report_log_change(lo, 'infinity', 'follows_lead');
  ELSE
    SELECT min(least(o.created_at, n.created_at)), max(greatest(o.created_at, n.created_at))
    INTO lo, hi
    FROM old_leads o JOIN new_leads n ON n.id = o.id
    WHERE (o.kind, o.spam, o.status, o.status_reason, o.valid, o.merged_into_id, o.peak_stage_rank,
        o.reached_converted, o.won_revenue, o.won_currency, o.campaign_id, o.channel_id, o.owner_id,
        o.attribution->>'formId', o.converted_at, o.first_response_at, o.created_at)
      IS DISTINCT FROM (n.kind, n.spam, n.status, n.status_reason, n.valid, n.merged_into_id, n.peak_stage_rank,
        n.reached_converted, n.won_revenue, n.won_currency, n.campaign_id, n.channel_id, n.owner_id,
        n.attribution->>'formId', n.converted_at, n.first_response_at, n.created_at);
    SELECT least(min(least(o.created_at, n.created_at)), min(i.received_at)) INTO follows
    FROM old_leads o JOIN new_leads n ON n.id = o.id
      LEFT JOIN "inquiries" i ON i.lead_id = n.id
    WHERE o.owner_id IS DISTINCT FROM n.owner_id
      OR (o.attribution->>'formId') IS DISTINCT FROM (n.attribution->>'formId');
    PERFORM report_log_change(follows, 'infinity', 'follows_lead');
  END IF;
  PERFORM report_log_change(lo, hi, 'all');
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER leads_report_changes_insert AFTER INSERT ON "leads" REFERENCING NEW TABLE AS new_leads
  FOR EACH STATEMENT EXECUTE FUNCTION leads_log_report_changes();--> statement-breakpoint
CREATE TRIGGER leads_report_changes_update AFTER UPDATE ON "leads" REFERENCING OLD TABLE AS old_leads NEW TABLE AS new_leads
  FOR EACH STATEMENT EXECUTE FUNCTION leads_log_report_changes();--> statement-breakpoint
CREATE TRIGGER leads_report_changes_delete AFTER DELETE ON "leads" REFERENCING OLD TABLE AS old_leads
  FOR EACH STATEMENT EXECUTE FUNCTION leads_log_report_changes();--> statement-breakpoint
-- Inquiries: the instants they were received, when added, removed or moved to another card.
CREATE FUNCTION inquiries_log_report_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  lo timestamptz;
  hi timestamptz;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT min(received_at), max(received_at) INTO lo, hi FROM new_inquiries;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT min(received_at), max(received_at) INTO lo, hi FROM old_inquiries;
  ELSE
    SELECT min(least(o.received_at, n.received_at)), max(greatest(o.received_at, n.received_at))
    INTO lo, hi
    FROM old_inquiries o JOIN new_inquiries n ON n.id = o.id
    WHERE (o.received_at, o.outcome, o.lead_id, o.campaign_id, o.channel_id)
      IS DISTINCT FROM (n.received_at, n.outcome, n.lead_id, n.campaign_id, n.channel_id);
  END IF;
  PERFORM report_log_change(lo, hi, 'all');
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER inquiries_report_changes_insert AFTER INSERT ON "inquiries" REFERENCING NEW TABLE AS new_inquiries
  FOR EACH STATEMENT EXECUTE FUNCTION inquiries_log_report_changes();--> statement-breakpoint
CREATE TRIGGER inquiries_report_changes_update AFTER UPDATE ON "inquiries" REFERENCING OLD TABLE AS old_inquiries NEW TABLE AS new_inquiries
  FOR EACH STATEMENT EXECUTE FUNCTION inquiries_log_report_changes();--> statement-breakpoint
CREATE TRIGGER inquiries_report_changes_delete AFTER DELETE ON "inquiries" REFERENCING OLD TABLE AS old_inquiries
  FOR EACH STATEMENT EXECUTE FUNCTION inquiries_log_report_changes();--> statement-breakpoint
-- Daily stats: their days, a day wider on each side (a day is read in the report's time zone).
CREATE FUNCTION campaign_daily_stats_log_report_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  lo date;
  hi date;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT min(day), max(day) INTO lo, hi FROM new_stats;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT min(day), max(day) INTO lo, hi FROM old_stats;
  ELSE
    SELECT least(o.lo, n.lo), greatest(o.hi, n.hi) INTO lo, hi
    FROM (SELECT min(day) AS lo, max(day) AS hi FROM old_stats) o, (SELECT min(day) AS lo, max(day) AS hi FROM new_stats) n;
  END IF;
  PERFORM report_log_change((lo - 1)::timestamp AT TIME ZONE 'UTC', (hi + 2)::timestamp AT TIME ZONE 'UTC', 'all');
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER campaign_daily_stats_report_changes_insert AFTER INSERT ON "campaign_daily_stats" REFERENCING NEW TABLE AS new_stats
  FOR EACH STATEMENT EXECUTE FUNCTION campaign_daily_stats_log_report_changes();--> statement-breakpoint
CREATE TRIGGER campaign_daily_stats_report_changes_update AFTER UPDATE ON "campaign_daily_stats" REFERENCING OLD TABLE AS old_stats NEW TABLE AS new_stats
  FOR EACH STATEMENT EXECUTE FUNCTION campaign_daily_stats_log_report_changes();--> statement-breakpoint
CREATE TRIGGER campaign_daily_stats_report_changes_delete AFTER DELETE ON "campaign_daily_stats" REFERENCING OLD TABLE AS old_stats
  FOR EACH STATEMENT EXECUTE FUNCTION campaign_daily_stats_log_report_changes();--> statement-breakpoint
-- Campaigns and channels (names, pricing, currency) and users' names appear in every bucket.
CREATE FUNCTION report_log_everything_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_log_change('-infinity', 'infinity', 'all');
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER campaigns_report_changes AFTER INSERT OR UPDATE OR DELETE ON "campaigns"
  FOR EACH STATEMENT EXECUTE FUNCTION report_log_everything_changed();--> statement-breakpoint
CREATE TRIGGER channels_report_changes AFTER INSERT OR UPDATE OR DELETE ON "channels"
  FOR EACH STATEMENT EXECUTE FUNCTION report_log_everything_changed();--> statement-breakpoint
CREATE TRIGGER users_report_changes AFTER UPDATE OF name ON "users"
  FOR EACH STATEMENT EXECUTE FUNCTION report_log_everything_changed();
