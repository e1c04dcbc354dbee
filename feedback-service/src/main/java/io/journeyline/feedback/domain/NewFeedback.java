package io.journeyline.feedback.domain;

import io.journeyline.contract.vocabulary.Channel;
import io.journeyline.contract.vocabulary.FeedbackCategory;
import io.journeyline.contract.vocabulary.FeedbackKind;
import io.journeyline.contract.vocabulary.Severity;

import java.time.OffsetDateTime;

/**
 * Feedback to receive, in the contract's words; the REST layer maps requests to it.
 *
 * @param receivedAt when it was received elsewhere, or null for now
 * @param sentiment  the sender's own score of the text in [-1, 1], or null to have it scored here
 */
public record NewFeedback(String customerId, FeedbackKind kind, FeedbackCategory category, Channel channel,
                          String topic, String text, Severity severity, String touchpoint, OffsetDateTime receivedAt,
                          Double sentiment) {
}
