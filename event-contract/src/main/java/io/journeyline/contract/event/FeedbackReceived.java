package io.journeyline.contract.event;

/** {@code io.journeyline.feedback.received}: a complaint, suggestion, praise or question. */
public record FeedbackReceived(
        String customerId,
        String feedbackId,
        String kind,
        String category,
        String channel,
        String topic,
        String text,
        Double sentiment,
        String severity) implements JourneyEvent {
}
