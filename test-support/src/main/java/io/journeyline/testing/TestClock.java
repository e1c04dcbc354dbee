package io.journeyline.testing;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of every {@code @QuarkusTest} application (it replaces the platform's default wall clock): wall time
 * plus an offset the test moves. A test that needs time to pass advances it, then fires what became due
 * ({@code timerPoller.fireAllDue()}), instead of sleeping:
 *
 * <pre>{@code
 * @Inject TestClock clock;
 * @Inject TimerPoller timers;
 * clock.advance(Duration.ofHours(25));
 * VertxContextSupport.subscribeAndAwait(timers::fireAllDue);
 * }</pre>
 *
 * <p>Every test class starts at wall time: {@link TestClockReset} calls {@link #reset()} before each, so no class
 * depends on (or is broken by) time another class moved, whatever order they run in.
 */
@Singleton
public class TestClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    /** Moves time forward (a negative duration moves it back) for every bean that uses the clock. */
    public void advance(Duration duration) {
        offset = offset.plus(duration);
    }

    /** Back to wall time (offset zero). */
    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }
}
