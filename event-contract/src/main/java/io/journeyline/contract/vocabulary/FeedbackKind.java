package io.journeyline.contract.vocabulary;

import java.util.Locale;

/** Kinds of feedback ({@code feedback.received} {@code kind}). */
public enum FeedbackKind implements Vocabulary {
    COMPLAINT, SUGGESTION, PRAISE, QUESTION;

    @Override
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
