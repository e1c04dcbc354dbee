package io.journeyline.contract.vocabulary;

/** What the follow-up of a resolved case found ({@code case.closed} {@code outcome}); NOT_VERIFIED when no follow-up came. */
public enum CaseOutcome implements Vocabulary {
    RECOVERED, NOT_RECOVERED, NOT_VERIFIED;

    @Override
    public String wire() {
        return name();
    }
}
