package io.journeyline.contract.vocabulary;

/** A case's priority, which picks its SLA clocks ({@code common.json#/$defs/priority}). */
public enum Priority implements Vocabulary {
    LOW, NORMAL, HIGH, CRITICAL;

    @Override
    public String wire() {
        return name();
    }
}
