package io.journeyline.education.persistence;

import io.journeyline.platform.retention.RetainedData;
import io.journeyline.platform.retention.RetentionPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/**
 * How long education-service keeps finished assignments (completed, dropped out, held out, suppressed — and those of
 * erased customers, which can no longer finish) with their units and pushes, by when they were assigned: 25 months,
 * two years of completion and education-effect figures.
 */
@ApplicationScoped
public class EducationRetention implements RetentionPolicy {
    @ConfigMapping(prefix = "journeyline.retention.education")
    public interface Config {
        @WithDefault("P762D")
        Duration finishedAssignments();
    }

    private final Config config;

    public EducationRetention(Config config) {
        this.config = config;
    }

    @Override
    public List<RetainedData> retained() {
        return List.of(new RetainedData("assignments", config.finishedAssignments(), """
                with gone as (select id from assignments where assigned_at < ?1
                                and (status in ('COMPLETED', 'DROPPED_OUT', 'HELD_OUT', 'SUPPRESSED')
                                     or customer_id like 'erased-%') limit ?2),
                     units as (delete from path_units where assignment_id in (select id from gone)),
                     pushes as (delete from education_pushes where assignment_id in (select id from gone))
                delete from assignments where id in (select id from gone)"""));
    }
}
