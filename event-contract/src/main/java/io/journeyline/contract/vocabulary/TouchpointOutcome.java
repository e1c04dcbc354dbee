package io.journeyline.contract.vocabulary;

import java.util.Locale;

/** How a touchpoint ended ({@code touchpoint.recorded} {@code outcome}). */
public enum TouchpointOutcome implements Vocabulary {
    SUCCESS, FAILURE, ABANDONED;

    @Override
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
