package io.journeyline.contract.event;

import io.journeyline.contract.vocabulary.*;

/**
 * {@code io.journeyline.feedback.received}: a complaint, suggestion, praise or question. {@code sentiment} is the
 * sender's own score when it sent one, else feedback-service's score of the text ([-1, 1]); {@code touchpoint} is
 * where the problem happened, when the sender said (optional). The CloudEvent's {@code time} is when the feedback was
 * received, which may be earlier than when it reached Journeyline.
 */
public record FeedbackReceived(
        String customerId,
        String feedbackId,
        FeedbackKind kind,
        FeedbackCategory category,
        Channel channel,
        String topic,
        String text,
        Double sentiment,
        Severity severity,
        String touchpoint) implements JourneyEvent {
}
