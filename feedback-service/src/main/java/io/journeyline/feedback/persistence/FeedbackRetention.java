package io.journeyline.feedback.persistence;

import io.journeyline.platform.retention.RetainedData;
import io.journeyline.platform.retention.RetentionPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/**
 * How long feedback-service keeps closed cases (with their history, contacts and clocks), by when they last changed,
 * and feedback items, by when they were received: 25 months, two years of the outer loop's figures.
 */
@ApplicationScoped
public class FeedbackRetention implements RetentionPolicy {
    @ConfigMapping(prefix = "journeyline.retention.feedback")
    public interface Config {
        @WithDefault("P762D")
        Duration closedCases();

        @WithDefault("P762D")
        Duration feedbackItems();
    }

    private final Config config;

    public FeedbackRetention(Config config) {
        this.config = config;
    }

    @Override
    public List<RetainedData> retained() {
        return List.of(
                new RetainedData("cases", config.closedCases(), """
                        with gone as (select id from cases where status = 'CLOSED' and updated_at < ?1 limit ?2),
                             history as (delete from case_history where case_id in (select id from gone)),
                             contacts as (delete from case_contacts where case_id in (select id from gone)),
                             clocks as (delete from case_sla where case_id in (select id from gone))
                        delete from cases where id in (select id from gone)"""),
                RetainedData.table("feedback_items", "received_at", config.feedbackItems()));
    }
}
