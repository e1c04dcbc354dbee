package io.journeyline.education.domain.catalog;

import io.journeyline.contract.vocabulary.Vocabulary;

/** DOMAIN.md's content kinds. */
public enum ContentKind implements Vocabulary {
    ARTICLE("article"), VIDEO("video"), INTERACTIVE_TUTORIAL("interactive-tutorial"), MICRO_LESSON("micro-lesson"),
    WEBINAR("webinar"), FAQ("faq");

    private final String wire;

    ContentKind(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
