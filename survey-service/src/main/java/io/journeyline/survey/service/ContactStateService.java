package io.journeyline.survey.service;

import io.journeyline.contract.event.CaseClosed;
import io.journeyline.contract.event.CaseOpened;
import io.journeyline.platform.messaging.Delivery;
import io.journeyline.platform.messaging.InOrder;
import io.journeyline.survey.persistence.ContactStateRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Keeps the customers' open cases (feedback-service's {@code case.opened} … {@code case.closed}) for the fatigue
 * guards, in each consumed batch's transaction; their consent is the platform's {@code Consents}. A case event naming a
 * case survey-service knows as another customer's is refused ({@link CaseReferences}: dead-lettered), so it can
 * neither lift that customer's open-case guard nor take the case over.
 */
@ApplicationScoped
public class ContactStateService {
    private final ContactStateRepository contacts;
    private final CaseReferences references;

    public ContactStateService(ContactStateRepository contacts, CaseReferences references) {
        this.contacts = contacts;
        this.references = references;
    }

    public Uni<Void> onCaseOpened(List<Delivery<CaseOpened>> deliveries) {
        return InOrder.each(deliveries, delivery -> references.check(delivery.data().caseId(), delivery.data().customerId())
                .chain(() -> contacts.caseOpened(delivery.data().caseId(), delivery.data().customerId(),
                        delivery.event().time())));
    }

    public Uni<Void> onCaseClosed(List<Delivery<CaseClosed>> deliveries) {
        return InOrder.each(deliveries, delivery -> references.check(delivery.data().caseId(), delivery.data().customerId())
                .chain(() -> contacts.caseClosed(delivery.data().caseId())));
    }
}
