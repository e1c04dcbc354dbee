package io.journeyline.feedback.domain.sla;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stored clock as the API shows it: its state from its flags (breached over stopped over paused over warned), a due
 * time only while it counts, and a paused clock's time left. Not a {@code @QuarkusTest}: plain arithmetic.
 */
class ClockViewTest {
    private static final Instant OPENED = Instant.parse("2026-03-02T09:00:00Z");
    private static final OffsetDateTime DUE = OffsetDateTime.parse("2026-03-03T09:00:00Z");
    /** NORMAL's acknowledge clock (24 h), running since the opening. */
    private static final SlaTimer RUNNING = SlaTimer.start(Duration.ofHours(24), OPENED);
    /** The same clock paused after 6 h. */
    private static final SlaTimer PAUSED = new SlaTimer(Duration.ofHours(24), Duration.ofHours(6), null);

    @Test
    void theStateFollowsTheFlagsBreachedFirst() {
        assertThat(ClockState.of(false, true, false, false)).isEqualTo(ClockState.RUNNING);
        assertThat(ClockState.of(false, true, true, false)).isEqualTo(ClockState.AT_RISK);
        assertThat(ClockState.of(false, false, false, false)).isEqualTo(ClockState.PAUSED);
        assertThat(ClockState.of(false, false, true, false)).as("warned, then waiting on the customer")
                .isEqualTo(ClockState.PAUSED);
        assertThat(ClockState.of(true, false, false, false)).isEqualTo(ClockState.STOPPED);
        assertThat(ClockState.of(true, false, true, false)).as("met after its warning").isEqualTo(ClockState.STOPPED);
        assertThat(ClockState.of(true, false, true, true)).as("met after its breach").isEqualTo(ClockState.BREACHED);
        assertThat(ClockState.of(false, true, true, true)).isEqualTo(ClockState.BREACHED);
        assertThat(ClockState.of(false, false, true, true)).isEqualTo(ClockState.BREACHED);
        assertThat(Arrays.stream(ClockState.values()).map(ClockState::wire))
                .containsExactly("running", "paused", "stopped", "at-risk", "breached");
    }

    @Test
    void aCountingClockShowsItsDueTimeAPausedOneItsTimeLeft() {
        assertThat(RUNNING.dueAt(BusinessCalendar.always())).isEqualTo(DUE.toInstant());
        assertThat(ClockView.of("ACKNOWLEDGE", RUNNING, false, false, false, DUE))
                .isEqualTo(new ClockView("ACKNOWLEDGE", DUE, null, ClockState.RUNNING));
        assertThat(ClockView.of("ACKNOWLEDGE", RUNNING, false, true, true, DUE))
                .isEqualTo(new ClockView("ACKNOWLEDGE", DUE, null, ClockState.BREACHED));
        assertThat(ClockView.of("RESOLVE", PAUSED, false, false, false, null))
                .isEqualTo(new ClockView("RESOLVE", null, "PT18H", ClockState.PAUSED));
        // paused after its target ran out, before its breach timer fired: nothing left, never a negative duration
        assertThat(ClockView.of("RESOLVE", new SlaTimer(Duration.ofHours(24), Duration.ofHours(25), null), false, true,
                false, null).remaining()).isEqualTo("PT0S");
        // an erasure stops a clock without clearing its due time: a stopped clock has none
        assertThat(ClockView.of("RESOLVE", PAUSED, true, false, false, DUE))
                .isEqualTo(new ClockView("RESOLVE", null, null, ClockState.STOPPED));
        assertThat(ClockView.of("RESOLVE", PAUSED, false, true, true, null))
                .isEqualTo(new ClockView("RESOLVE", null, null, ClockState.BREACHED));
    }
}
