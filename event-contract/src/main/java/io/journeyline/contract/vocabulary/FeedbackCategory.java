package io.journeyline.contract.vocabulary;

/** Complaint categories of DOMAIN.md ({@code common.json#/$defs/feedbackCategory}); MISUNDERSTANDING is the one customer education prevents. */
public enum FeedbackCategory implements Vocabulary {
    MISUNDERSTANDING, PRODUCT_DEFECT, RESPONSE_DELAY, SERVICE_ATTITUDE, BILLING_FEES, DELIVERY, PRIVACY, OTHER;

    @Override
    public String wire() {
        return name();
    }
}
