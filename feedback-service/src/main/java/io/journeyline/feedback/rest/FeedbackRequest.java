package io.journeyline.feedback.rest;

import io.journeyline.contract.FieldLimits;
import io.journeyline.contract.vocabulary.Channel;
import io.journeyline.contract.vocabulary.FeedbackCategory;
import io.journeyline.contract.vocabulary.FeedbackKind;
import io.journeyline.contract.vocabulary.Severity;
import io.journeyline.contract.vocabulary.Vocabulary;
import io.journeyline.feedback.config.IntakeConfig;
import io.journeyline.feedback.domain.NewFeedback;
import io.journeyline.platform.validation.CustomerId;
import io.journeyline.platform.validation.OccurredWithin;
import io.journeyline.platform.validation.OneOf;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;

/**
 * A piece of feedback as an agent or another system submits it. {@code receivedAt}: when it was taken, if earlier and
 * elsewhere (its case's clocks start then); {@code sentiment}: the sender's own score of the text in [-1, 1], kept
 * instead of this service's.
 */
public record FeedbackRequest(
        @NotBlank @CustomerId String customerId,
        @NotBlank @OneOf(FeedbackKind.class) String kind,
        @NotBlank @OneOf(FeedbackCategory.class) String category,
        @NotBlank @OneOf(Channel.class) String channel,
        @Size(max = FieldLimits.TOPIC) String topic,
        @Size(max = FieldLimits.TEXT) String text,
        @OneOf(Severity.class) String severity,
        @Size(max = FieldLimits.TOUCHPOINT) String touchpoint,
        @OccurredWithin(IntakeConfig.class) OffsetDateTime receivedAt,
        @DecimalMin("-1") @DecimalMax("1") Double sentiment) {

    /** The validated request as the service's command. */
    NewFeedback toCommand() {
        return new NewFeedback(customerId, word(FeedbackKind.class, kind), word(FeedbackCategory.class, category),
                word(Channel.class, channel), topic, text, severity == null ? null : word(Severity.class, severity),
                touchpoint, receivedAt, sentiment);
    }

    private static <E extends Enum<E> & Vocabulary> E word(Class<E> type, String wire) {
        return Vocabulary.parse(type, wire).orElseThrow();
    }
}
