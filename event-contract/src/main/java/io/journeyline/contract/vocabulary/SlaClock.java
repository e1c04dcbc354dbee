package io.journeyline.contract.vocabulary;

/** The SLA clocks of a case ({@code case.sla-breached} {@code clock}). */
public enum SlaClock implements Vocabulary {
    ACKNOWLEDGE, RESOLVE;

    @Override
    public String wire() {
        return name();
    }
}
