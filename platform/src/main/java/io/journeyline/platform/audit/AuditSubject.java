package io.journeyline.platform.audit;

import jakarta.enterprise.context.RequestScoped;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The customers a request is about, when its path does not name them ({@code /api/v1/cases/{caseId}}): the code that
 * loads the record says whose it is, and the access log names that customer — one row per customer when a request
 * reads several (a page of dead letters).
 */
@RequestScoped
public class AuditSubject {
    private final Set<String> customerIds = new LinkedHashSet<>();

    /** This request reads or changes {@code customerId}'s data. */
    public void about(String customerId) {
        if (customerId != null) {
            customerIds.add(customerId);
        }
    }

    Set<String> customerIds() {
        return Set.copyOf(customerIds);
    }
}
