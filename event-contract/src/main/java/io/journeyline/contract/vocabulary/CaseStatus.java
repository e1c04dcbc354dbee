package io.journeyline.contract.vocabulary;

/** States of a closed-loop case ({@code common.json#/$defs/caseStatus}). */
public enum CaseStatus implements Vocabulary {
    RECEIVED, ACKNOWLEDGED, IN_PROGRESS, RESOLVED, FOLLOW_UP, CLOSED, ESCALATED, REOPENED;

    @Override
    public String wire() {
        return name();
    }
}
