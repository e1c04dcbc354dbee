package io.journeyline.education.domain.paths;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The daily push cap: at most {@code cap} education deliveries to one customer in any {@code window} (24 hours).
 * Pure.
 */
public final class PushCap {
    private PushCap() {
    }

    /**
     * When the next push fits: {@code now} when fewer than {@code cap} pushes fall in the window ending now, else when
     * enough of them have left it.
     *
     * @param pushes the customer's earlier pushes, any order
     */
    public static Instant roomAt(List<Instant> pushes, int cap, Duration window, Instant now) {
        Instant windowStart = now.minus(window);
        List<Instant> inWindow = pushes.stream().filter(p -> p.isAfter(windowStart) && !p.isAfter(now)).sorted().toList();
        if (inWindow.size() < cap) {
            return now;
        }
        return inWindow.get(inWindow.size() - cap).plus(window);
    }
}
