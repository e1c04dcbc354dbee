package io.journeyline.education.domain.paths;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PushCapTest {
    private static final Duration DAY = Duration.ofHours(24);
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void belowTheCapThereIsRoomNow() {
        assertThat(PushCap.roomAt(List.of(NOW.minusSeconds(3600)), 2, DAY, NOW)).isEqualTo(NOW);
    }

    @Test
    void pushesOlderThanTheWindowDoNotCount() {
        assertThat(PushCap.roomAt(List.of(NOW.minus(DAY), NOW.minus(DAY).minusSeconds(1)), 1, DAY, NOW)).isEqualTo(NOW);
    }

    @Test
    void atTheCapTheNextPushFitsWhenTheOldestOneInTheWindowLeavesIt() {
        Instant first = Instant.parse("2026-11-30T08:00:00Z");
        Instant second = Instant.parse("2026-11-30T10:00:00Z");
        assertThat(PushCap.roomAt(List.of(second, first), 2, DAY, NOW)).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
    }

    @Test
    void overTheCapItWaitsUntilEnoughHaveLeft() {
        // three pushes (a pain point's lesson is never held back, so a day can exceed the cap), cap 2: room when the
        // window holds one, i.e. when the second oldest leaves it
        List<Instant> pushes = List.of(Instant.parse("2026-11-30T08:00:00Z"), Instant.parse("2026-11-30T09:00:00Z"),
                Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(PushCap.roomAt(pushes, 2, DAY, NOW)).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
    }
}
