package io.journeyline.survey.persistence;

import io.journeyline.platform.retention.RetainedData;
import io.journeyline.platform.retention.RetentionPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/**
 * How long survey-service keeps answers and invitations: responses (with their item scores) by when they were given,
 * invitations no longer open by when they were made. 25 months: two years of NPS trend, year over year.
 */
@ApplicationScoped
public class SurveyRetention implements RetentionPolicy {
    @ConfigMapping(prefix = "journeyline.retention.survey")
    public interface Config {
        @WithDefault("P762D")
        Duration responses();

        @WithDefault("P762D")
        Duration invitations();
    }

    private final Config config;

    public SurveyRetention(Config config) {
        this.config = config;
    }

    @Override
    public List<RetainedData> retained() {
        return List.of(
                new RetainedData("survey_responses", config.responses(), """
                        with gone as (select id from survey_responses where responded_at < ?1 limit ?2),
                             items as (delete from response_items where response_id in (select id from gone))
                        delete from survey_responses where id in (select id from gone)"""),
                RetainedData.table("invitations", "created_at", "status <> 'SENT' or expires_at < ?1",
                        config.invitations()));
    }
}
