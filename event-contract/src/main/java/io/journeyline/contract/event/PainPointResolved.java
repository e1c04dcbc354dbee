package io.journeyline.contract.event;

/**
 * {@code io.journeyline.journey.pain-point-resolved}: the follow-up of a pain point worked ({@code education-completed},
 * {@code case-recovered}) or an agent dismissed it ({@code dismissed}).
 */
public record PainPointResolved(
        String customerId,
        String painPointId,
        String resolution,
        String ruleId) implements JourneyEvent {
}
