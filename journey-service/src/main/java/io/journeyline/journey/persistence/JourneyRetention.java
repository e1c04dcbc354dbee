package io.journeyline.journey.persistence;

import io.journeyline.platform.retention.RetainedData;
import io.journeyline.platform.retention.RetentionPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/**
 * How long journey-service keeps its customers' history ({@link io.journeyline.platform.retention.Retention} deletes
 * what is older): timeline entries and stage changes by event time, pain points with their evidence and interventions
 * by detection, erasure records with their receipts by request — 25 months each: two full years of trends compared
 * year over year, plus the month being reported — export jobs with their documents, a week; rule backtests, 90 days;
 * hourly contact counts as long as the timeline they count.
 */
@ApplicationScoped
public class JourneyRetention implements RetentionPolicy {
    @ConfigMapping(prefix = "journeyline.retention.journey")
    public interface Config {
        /** Timeline entries, stage changes and the contacts counted by hour, by the event's time. */
        @WithDefault("P762D")
        Duration timeline();

        /** Pain points, their evidence and interventions, by detection. */
        @WithDefault("P762D")
        Duration painPoints();

        /** Erasure records and their receipts (id-free), by request: as long as the tombstones. */
        @WithDefault("P762D")
        Duration erasureRecords();

        /** Export jobs and their documents, by request: a week to hand the document over. */
        @WithDefault("P7D")
        Duration exports();

        /** Rule backtests and their reports, by request: long enough to compare a version with the one before. */
        @WithDefault("P90D")
        Duration backtests();
    }

    private final Config config;

    public JourneyRetention(Config config) {
        this.config = config;
    }

    @Override
    public List<RetainedData> retained() {
        return List.of(
                RetainedData.table("timeline_entries", "occurred_at", config.timeline()),
                RetainedData.table("stage_changes", "changed_at", config.timeline()),
                // as long as the timeline they count: a contacts window widened later still finds every hour
                RetainedData.table("contact_counts", "hour", config.timeline()),
                new RetainedData("pain_points", config.painPoints(), """
                        with gone as (select id from pain_points where detected_at < ?1 limit ?2),
                             evidence as (delete from pain_point_evidence where pain_point_id in (select id from gone)),
                             interventions as (delete from interventions where pain_point_id in (select id from gone))
                        delete from pain_points where id in (select id from gone)"""),
                new RetainedData("erasures", config.erasureRecords(), """
                        with gone as (select id from erasures where requested_at < ?1 limit ?2),
                             receipts as (delete from erasure_receipts where erasure_id in (select id from gone))
                        delete from erasures where id in (select id from gone)"""),
                RetainedData.table("export_jobs", "requested_at", config.exports()),
                RetainedData.table("rule_backtests", "requested_at", config.backtests()));
    }
}
