package io.journeyline.platform.timers;

import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.journeyline.testing.TestClockReset;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared test clock starts every test class at wall time (TimersTest, say, moves it by years): Quarkus finds
 * test-support's callback, and the callback puts the application's clock back.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class TestClockResetTest {
    @Inject
    TestClock clock;

    @Test
    void everyTestClassStartsAtWallTimeWhateverAnEarlierClassDidToTheClock() {
        assertThat(Duration.between(Instant.now(), clock.instant()).abs()).as("this class starts at wall time")
                .isLessThan(Duration.ofMinutes(1));
        assertThat(ServiceLoader.load(QuarkusTestBeforeClassCallback.class, getClass().getClassLoader()).stream()
                .map(provider -> provider.type().getName())).contains(TestClockReset.class.getName());

        clock.advance(Duration.ofDays(400));
        new TestClockReset().beforeClass(getClass());
        assertThat(Duration.between(Instant.now(), clock.instant()).abs()).isLessThan(Duration.ofMinutes(1));
    }
}
