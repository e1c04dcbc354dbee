package io.journeyline.platform.audit;

import jakarta.enterprise.context.RequestScoped;

/**
 * The customer a request is about, when its path does not name them ({@code /api/v1/cases/{caseId}}): the code that
 * loads the record says whose it is, and the access log names that customer.
 */
@RequestScoped
public class AuditSubject {
    private String customerId;

    /** This request reads or changes {@code customerId}'s data. */
    public void about(String customerId) {
        this.customerId = customerId;
    }

    String customerId() {
        return customerId;
    }
}
