package io.journeyline.feedback.domain;

import io.journeyline.contract.vocabulary.Channel;
import io.journeyline.contract.vocabulary.FeedbackCategory;
import io.journeyline.contract.vocabulary.FeedbackKind;
import io.journeyline.contract.vocabulary.Severity;

/** Feedback to receive, in the contract's words; the REST layer maps requests to it. */
public record NewFeedback(String customerId, FeedbackKind kind, FeedbackCategory category, Channel channel,
                          String topic, String text, Severity severity) {
}
