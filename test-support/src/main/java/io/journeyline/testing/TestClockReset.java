package io.journeyline.testing;

import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Puts the {@link TestClock} back to wall time before every {@code @QuarkusTest} class. The application (and so the
 * clock, a singleton) is shared by the classes of a module, and a class that moved it by months would otherwise hand
 * that time to whichever class runs next. Registered through {@code META-INF/services}, as Quarkus looks it up.
 */
public class TestClockReset implements QuarkusTestBeforeClassCallback {
    @Override
    public void beforeClass(Class<?> testClass) {
        Instance<TestClock> clock = CDI.current().select(TestClock.class);
        if (clock.isResolvable()) {
            clock.get().reset();
        }
    }
}
