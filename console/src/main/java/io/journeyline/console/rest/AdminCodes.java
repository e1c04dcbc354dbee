package io.journeyline.console.rest;

import io.quarkus.qute.TemplateGlobal;

import java.util.List;

/** The words of the services' vocabularies the admin pages offer to choose from, as every template sees them. */
@TemplateGlobal
public final class AdminCodes {
    /** education-service's content kinds and levels (ContentKind, ContentLevel: their wire values). */
    static final List<String> contentKinds = List.of("article", "video", "interactive-tutorial", "micro-lesson",
            "webinar", "faq");
    static final List<String> contentLevels = List.of("BASIC", "ADVANCED", "PROBLEM_SOLVING");
    /** The contract's journey stages and channels (event-contract's Stage, Channel: their wire values). */
    static final List<String> journeyStages = List.of("AWARENESS", "CONSIDERATION", "PURCHASE", "ONBOARDING", "USAGE",
            "SERVICE", "LOYAL", "AT_RISK", "CHURNED");
    static final List<String> contentChannels = List.of("web", "app", "email", "phone", "chat", "store", "social",
            "sms", "other");
    /** The dlq-reason values a consumer writes (docs/dead-letters.md). */
    static final List<String> deadLetterReasons = List.of("malformed-json", "not-a-cloudevent", "invalid-envelope",
            "unknown-type", "schema-violation", "wrong-topic", "reserved-source", "processing-failed");
    /** The services whose dead letters the page lists, as its URLs name them. */
    static final List<String> deadLetterServices = List.of("journey", "survey", "education", "feedback");

    private AdminCodes() {
    }
}
