package io.journeyline.contract.vocabulary;

/** Journey stages ({@code common.json#/$defs/stage}): the main path, then the side states AT_RISK and CHURNED. */
public enum Stage implements Vocabulary {
    AWARENESS, CONSIDERATION, PURCHASE, ONBOARDING, USAGE, SERVICE, LOYAL, AT_RISK, CHURNED;

    @Override
    public String wire() {
        return name();
    }
}
