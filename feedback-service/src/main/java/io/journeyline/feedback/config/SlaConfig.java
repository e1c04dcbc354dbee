package io.journeyline.feedback.config;

import io.journeyline.contract.vocabulary.Priority;
import io.journeyline.contract.vocabulary.SlaClock;
import io.journeyline.feedback.domain.sla.BusinessCalendar;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** SLA targets per priority (DOMAIN.md's defaults), the warning threshold, and an optional business-hours calendar. */
@ConfigMapping(prefix = "journeyline.cases.sla")
public interface SlaConfig {
    @WithDefault("PT30M")
    Duration acknowledgeCritical();

    @WithDefault("PT4H")
    Duration acknowledgeHigh();

    @WithDefault("PT24H")
    Duration acknowledgeNormal();

    @WithDefault("PT48H")
    Duration acknowledgeLow();

    @WithDefault("PT24H")
    Duration resolveCritical();

    @WithDefault("PT48H")
    Duration resolveHigh();

    @WithDefault("P5D")
    Duration resolveNormal();

    @WithDefault("P10D")
    Duration resolveLow();

    /** A warning when a clock has used this share of its target. */
    @WithDefault("0.8")
    double warnAt();

    /** Business hours: clocks run only then, in this time zone, e.g. Asia/Shanghai (absent: around the clock). */
    Optional<String> businessZone();

    @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
    List<DayOfWeek> businessDays();

    @WithDefault("09:00")
    LocalTime businessOpens();

    @WithDefault("18:00")
    LocalTime businessCloses();

    default Duration target(SlaClock clock, Priority priority) {
        boolean acknowledge = clock == SlaClock.ACKNOWLEDGE;
        return switch (priority) {
            case CRITICAL -> acknowledge ? acknowledgeCritical() : resolveCritical();
            case HIGH -> acknowledge ? acknowledgeHigh() : resolveHigh();
            case NORMAL -> acknowledge ? acknowledgeNormal() : resolveNormal();
            case LOW -> acknowledge ? acknowledgeLow() : resolveLow();
        };
    }

    default BusinessCalendar calendar() {
        return businessZone().map(zone -> BusinessCalendar.of(ZoneId.of(zone), EnumSet.copyOf(businessDays()),
                businessOpens(), businessCloses())).orElse(BusinessCalendar.always());
    }
}
