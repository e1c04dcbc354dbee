package io.journeyline.feedback.domain.sla;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SLA clocks with DOMAIN.md's defaults (HIGH: acknowledge within 4 h; NORMAL: resolve within 5 days; warn at 80 %),
 * around the clock and on business hours, worked by hand in each test.
 */
class SlaTimerTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final BusinessCalendar OFFICE = BusinessCalendar.of(SHANGHAI,
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0));

    @Test
    void aroundTheClockAHighCaseIsDueFourHoursLaterAndWarnsAt80Percent() {
        Instant opened = Instant.parse("2026-11-27T08:00:00Z");
        SlaTimer acknowledge = SlaTimer.start(Duration.ofHours(4), opened);

        assertThat(acknowledge.dueAt(BusinessCalendar.always())).isEqualTo(Instant.parse("2026-11-27T12:00:00Z"));
        // 80 % of 4 h = 3 h 12 min
        assertThat(acknowledge.reaches(0.8, BusinessCalendar.always())).isEqualTo(Instant.parse("2026-11-27T11:12:00Z"));
    }

    @Test
    void aNewTargetKeepsTheTimeUsed() {
        Instant opened = Instant.parse("2026-11-27T08:00:00Z");
        // NORMAL (24 h to acknowledge) raised to CRITICAL (30 min) after 1 h of running clock, 10 min of it paused
        SlaTimer timer = SlaTimer.start(Duration.ofHours(24), opened)
                .pause(opened.plus(Duration.ofMinutes(20)), BusinessCalendar.always())
                .resume(opened.plus(Duration.ofMinutes(30)));
        SlaTimer critical = timer.withTarget(Duration.ofMinutes(30));
        // used 20 min before the pause, running again from 08:30: 10 min left → due 08:40
        assertThat(critical.dueAt(BusinessCalendar.always())).isEqualTo(Instant.parse("2026-11-27T08:40:00Z"));
        assertThat(critical.usedAt(opened.plus(Duration.ofHours(1)), BusinessCalendar.always()))
                .isEqualTo(Duration.ofMinutes(50));
    }

    @Test
    void onBusinessHoursTheClockStopsOverTheWeekend() {
        // Friday 16:00 in Shanghai: 1 h left that day, 3 h on Monday from 09:00 → Monday 12:00; warn after 3 h 12 min
        Instant fridayFour = local(2026, 11, 27, 16, 0);
        SlaTimer acknowledge = SlaTimer.start(Duration.ofHours(4), fridayFour);

        assertThat(acknowledge.dueAt(OFFICE)).isEqualTo(local(2026, 11, 30, 12, 0));
        assertThat(acknowledge.reaches(0.8, OFFICE)).isEqualTo(local(2026, 11, 30, 11, 12));
        // opened on Saturday: the clock starts on Monday at 09:00
        assertThat(SlaTimer.start(Duration.ofHours(4), local(2026, 11, 28, 10, 0)).dueAt(OFFICE))
                .isEqualTo(local(2026, 11, 30, 13, 0));
        assertThat(OFFICE.between(fridayFour, local(2026, 11, 30, 10, 30))).isEqualTo(Duration.ofMinutes(150));
    }

    @Test
    void waitingOnTheCustomerPausesTheClock() {
        // NORMAL resolve: 5 days. One day used, then two days waiting on the customer: due two days later than planned
        Instant opened = Instant.parse("2026-11-02T00:00:00Z");
        SlaTimer resolve = SlaTimer.start(Duration.ofDays(5), opened);
        SlaTimer paused = resolve.pause(opened.plus(Duration.ofDays(1)), BusinessCalendar.always());

        assertThat(paused.running()).isFalse();
        assertThat(paused.dueAt(BusinessCalendar.always())).isNull();
        assertThat(paused.usedAt(opened.plus(Duration.ofDays(2)), BusinessCalendar.always())).isEqualTo(Duration.ofDays(1));
        SlaTimer resumed = paused.resume(opened.plus(Duration.ofDays(3)));
        assertThat(resumed.dueAt(BusinessCalendar.always())).isEqualTo(Instant.parse("2026-11-09T00:00:00Z"));
    }

    @Test
    void aClockPastItsWarningWarnsAtOnce() {
        Instant opened = Instant.parse("2026-11-02T00:00:00Z");
        SlaTimer timer = SlaTimer.start(Duration.ofHours(10), opened).pause(opened.plus(Duration.ofHours(9)),
                BusinessCalendar.always()).resume(opened.plus(Duration.ofHours(20)));

        assertThat(timer.reaches(0.8, BusinessCalendar.always())).isEqualTo(opened.plus(Duration.ofHours(20)));
        assertThat(timer.dueAt(BusinessCalendar.always())).isEqualTo(opened.plus(Duration.ofHours(21)));
    }

    private static Instant local(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, SHANGHAI).toInstant();
    }
}
