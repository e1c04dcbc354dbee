package io.journeyline.feedback.domain.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * When SLA clocks run: around the clock, or on business days between opening and closing time in a time zone
 * (DST-aware through {@link ZoneId}). Pure arithmetic on instants.
 */
public final class BusinessCalendar {
    private static final BusinessCalendar ALWAYS = new BusinessCalendar(null, EnumSet.allOf(DayOfWeek.class),
            LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    private final ZoneId zone;
    private final Set<DayOfWeek> days;
    private final LocalTime opens;
    private final LocalTime closes;

    private BusinessCalendar(ZoneId zone, Set<DayOfWeek> days, LocalTime opens, LocalTime closes) {
        this.zone = zone;
        this.days = days;
        this.opens = opens;
        this.closes = closes;
    }

    /** Clocks run all the time. */
    public static BusinessCalendar always() {
        return ALWAYS;
    }

    /** Clocks run on {@code days} from {@code opens} to {@code closes}, local time in {@code zone}. */
    public static BusinessCalendar of(ZoneId zone, Set<DayOfWeek> days, LocalTime opens, LocalTime closes) {
        if (days.isEmpty() || !opens.isBefore(closes)) {
            throw new IllegalArgumentException("a business calendar needs at least one day and opens before it closes");
        }
        return new BusinessCalendar(zone, EnumSet.copyOf(days), opens, closes);
    }

    /** The instant {@code business} of clock time after {@code from}. */
    public Instant plus(Instant from, Duration business) {
        if (zone == null || business.isNegative() || business.isZero()) {
            return zone == null ? from.plus(business) : from;
        }
        Duration remaining = business;
        Instant cursor = from;
        LocalDate day = cursor.atZone(zone).toLocalDate();
        while (true) {
            if (days.contains(day.getDayOfWeek())) {
                Instant open = ZonedDateTime.of(day, opens, zone).toInstant();
                Instant close = ZonedDateTime.of(day, closes, zone).toInstant();
                Instant start = cursor.isAfter(open) ? cursor : open;
                if (start.isBefore(close)) {
                    Duration available = Duration.between(start, close);
                    if (remaining.compareTo(available) <= 0) {
                        return start.plus(remaining);
                    }
                    remaining = remaining.minus(available);
                }
            }
            day = day.plusDays(1);
        }
    }

    /** How much clock time lies between {@code from} and {@code to} (zero when {@code to} is not after it). */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (zone == null) {
            return Duration.between(from, to);
        }
        Duration total = Duration.ZERO;
        LocalDate day = from.atZone(zone).toLocalDate();
        LocalDate last = to.atZone(zone).toLocalDate();
        while (!day.isAfter(last)) {
            if (days.contains(day.getDayOfWeek())) {
                Instant open = ZonedDateTime.of(day, opens, zone).toInstant();
                Instant close = ZonedDateTime.of(day, closes, zone).toInstant();
                Instant start = from.isAfter(open) ? from : open;
                Instant end = to.isBefore(close) ? to : close;
                if (start.isBefore(end)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
            day = day.plusDays(1);
        }
        return total;
    }
}
