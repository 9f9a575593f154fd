ALTER TABLE "leads" ADD COLUMN "peak_stage_rank" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "reached_converted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- The funnel counts where a lead has been, not only where it is: the highest lifecycle rank it ever
-- held and whether it was ever converted. A trigger keeps both on every write, so no code path (the
-- API, the scheduler, an import, a script) can forget them.
CREATE FUNCTION leads_track_milestones() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.peak_stage_rank := greatest(
    NEW.peak_stage_rank,
    CASE WHEN TG_OP = 'UPDATE' THEN OLD.peak_stage_rank ELSE 0 END,
    coalesce(array_position(ARRAY['interest','iql','eql','mql','sal','sql','customer']::text[], NEW.lifecycle_stage), 0)
  );
  NEW.reached_converted := NEW.reached_converted
    OR (TG_OP = 'UPDATE' AND OLD.reached_converted)
    OR NEW.status = 'converted'
    OR NEW.converted_at IS NOT NULL;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER leads_track_milestones BEFORE INSERT OR UPDATE ON "leads"
  FOR EACH ROW EXECUTE FUNCTION leads_track_milestones();--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "won_revenue" numeric(16, 2);--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "won_currency" text;--> statement-breakpoint
-- Customers and revenue per lead: the sum and currency of its won deals, recomputed for every lead
-- whose deals a statement touched (statement-level triggers with transition tables, so a bulk write
-- of deals recomputes each lead once, in one set-based UPDATE).
CREATE FUNCTION leads_refresh_won_revenue(lead_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE "leads" l SET won_revenue = w.revenue, won_currency = w.currency
  FROM (
    -- Joined on the lead alone (a lead has few deals) and filtered in the aggregates: a join
    -- condition on status lets the planner AND in the wide status index for every lead.
    SELECT x.id, sum(d.amount) FILTER (WHERE d.status = 'won') AS revenue,
      min(d.currency) FILTER (WHERE d.status = 'won') AS currency
    FROM (SELECT DISTINCT id FROM unnest(lead_ids) AS u(id) WHERE id IS NOT NULL) x
      LEFT JOIN "deals" d ON d.lead_id = x.id
    GROUP BY x.id
  ) w
  WHERE l.id = w.id AND (l.won_revenue IS DISTINCT FROM w.revenue OR l.won_currency IS DISTINCT FROM w.currency);
$$;--> statement-breakpoint
CREATE FUNCTION deals_track_won_revenue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM leads_refresh_won_revenue(ARRAY(SELECT lead_id FROM new_deals));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM leads_refresh_won_revenue(ARRAY(SELECT lead_id FROM old_deals));
  ELSE
    PERFORM leads_refresh_won_revenue(ARRAY(SELECT lead_id FROM old_deals UNION SELECT lead_id FROM new_deals));
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER deals_won_revenue_insert AFTER INSERT ON "deals" REFERENCING NEW TABLE AS new_deals
  FOR EACH STATEMENT EXECUTE FUNCTION deals_track_won_revenue();--> statement-breakpoint
CREATE TRIGGER deals_won_revenue_update AFTER UPDATE ON "deals" REFERENCING OLD TABLE AS old_deals NEW TABLE AS new_deals
  FOR EACH STATEMENT EXECUTE FUNCTION deals_track_won_revenue();--> statement-breakpoint
CREATE TRIGGER deals_won_revenue_delete AFTER DELETE ON "deals" REFERENCING OLD TABLE AS old_deals
  FOR EACH STATEMENT EXECUTE FUNCTION deals_track_won_revenue();--> statement-breakpoint
UPDATE "leads" l SET won_revenue = w.revenue, won_currency = w.currency
FROM (
  SELECT d.lead_id, sum(d.amount) AS revenue, min(d.currency) AS currency
  FROM "deals" d WHERE d.status = 'won' AND d.lead_id IS NOT NULL GROUP BY d.lead_id
) w
WHERE l.id = w.lead_id;--> statement-breakpoint
-- Existing leads: their current state and their timeline.
UPDATE "leads" l SET
  peak_stage_rank = greatest(
    coalesce(array_position(ARRAY['interest','iql','eql','mql','sal','sql','customer']::text[], l.lifecycle_stage), 0),
    coalesce(h.peak, 0)),
  reached_converted = l.status = 'converted' OR l.converted_at IS NOT NULL OR coalesce(h.converted, false)
FROM (
  SELECT l2.id, max(array_position(ARRAY['interest','iql','eql','mql','sal','sql','customer']::text[], e.data->>'to'))
      FILTER (WHERE e.type = 'lifecycle_changed') AS peak,
    bool_or(e.type = 'status_changed' AND e.data->>'to' = 'converted') AS converted
  FROM "leads" l2 LEFT JOIN "timeline_events" e
    ON e.lead_id = l2.id AND e.type IN ('lifecycle_changed', 'status_changed')
  GROUP BY l2.id
) h
WHERE h.id = l.id;--> statement-breakpoint
CREATE INDEX "leads_report_cohort_idx" ON "leads" USING btree ("created_at","id","campaign_id","channel_id","owner_id","valid","status","status_reason","peak_stage_rank","reached_converted","won_revenue","won_currency","converted_at","first_response_at") WHERE kind = 'lead' AND NOT spam AND status <> 'junk' AND merged_into_id IS NULL;--> statement-breakpoint
-- Reports count inquiries by time from the index alone.
DROP INDEX "inquiries_received_idx";--> statement-breakpoint
CREATE INDEX "inquiries_received_idx" ON "inquiries" USING btree ("received_at","outcome","campaign_id","channel_id","lead_id");--> statement-breakpoint
-- The reports no longer search the timeline for milestones.
DROP INDEX "timeline_reached_mql_idx";--> statement-breakpoint
DROP INDEX "timeline_reached_sql_idx";--> statement-breakpoint
DROP INDEX "timeline_converted_idx";
