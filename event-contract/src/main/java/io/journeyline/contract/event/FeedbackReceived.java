package io.journeyline.contract.event;

import io.journeyline.contract.vocabulary.*;

/** {@code io.journeyline.feedback.received}: a complaint, suggestion, praise or question. */
public record FeedbackReceived(
        String customerId,
        String feedbackId,
        FeedbackKind kind,
        FeedbackCategory category,
        Channel channel,
        String topic,
        String text,
        Double sentiment,
        Severity severity) implements JourneyEvent {
}
