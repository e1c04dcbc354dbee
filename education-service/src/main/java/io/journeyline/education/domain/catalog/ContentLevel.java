package io.journeyline.education.domain.catalog;

import io.journeyline.contract.vocabulary.Vocabulary;

/** DOMAIN.md's levels: BASIC (understand), ADVANCED (use well), PROBLEM_SOLVING (fix issues). */
public enum ContentLevel implements Vocabulary {
    BASIC, ADVANCED, PROBLEM_SOLVING;

    @Override
    public String wire() {
        return name();
    }
}
