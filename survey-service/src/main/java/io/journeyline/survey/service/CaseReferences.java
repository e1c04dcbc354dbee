package io.journeyline.survey.service;

import io.journeyline.platform.problem.ForeignReferenceException;
import io.journeyline.survey.persistence.ContactStateRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether a case id a request or an event names is its customer's, as far as survey-service knows the case: from
 * feedback-service's case events (the open cases) and from the invitations that follow a case up. A case known to be
 * another customer's fails with {@link ForeignReferenceException} — a 409 naming {@code caseId} over HTTP, a
 * dead-lettered event in a consumer — so no answer of customer B can close or reopen customer A's case, and no
 * follow-up invitation of B carries A's case. A case survey-service does not know passes: feedback-service, which
 * owns cases, checks it again.
 */
@ApplicationScoped
public class CaseReferences {
    private final ContactStateRepository contacts;

    public CaseReferences(ContactStateRepository contacts) {
        this.contacts = contacts;
    }

    /** Fails when {@code caseId} is known to belong to another customer than {@code customerId}; null passes. */
    public Uni<Void> check(String caseId, String customerId) {
        if (caseId == null) {
            return Uni.createFrom().voidItem();
        }
        return contacts.customersOfCase(caseId).invoke(owners -> {
            if (!owners.isEmpty() && !owners.contains(customerId)) {
                throw new ForeignReferenceException("caseId", caseId);
            }
        }).replaceWithVoid();
    }
}
