package io.journeyline.contract.vocabulary;

/** How bad a signal or pain point is ({@code common.json#/$defs/severity}). */
public enum Severity implements Vocabulary {
    LOW, NORMAL, HIGH, CRITICAL;

    @Override
    public String wire() {
        return name();
    }
}
