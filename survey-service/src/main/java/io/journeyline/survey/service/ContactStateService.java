package io.journeyline.survey.service;

import io.journeyline.contract.event.CaseClosed;
import io.journeyline.contract.event.CaseOpened;
import io.journeyline.contract.event.CustomerConsentChanged;
import io.journeyline.platform.messaging.Delivery;
import io.journeyline.survey.persistence.ContactStateRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps what the fatigue guards need to know, in each consumed batch's transaction: the customer's consent for
 * surveys per channel (journey-service's {@code journey.consent-changed}, the customer's whole consent each time) and
 * their open cases (feedback-service's {@code case.opened} … {@code case.closed}).
 */
@ApplicationScoped
public class ContactStateService {
    /** The purpose surveys are consented to under (journey-service's vocabulary). */
    static final String SURVEY_PURPOSE = "survey";

    private final ContactStateRepository contacts;

    public ContactStateService(ContactStateRepository contacts) {
        this.contacts = contacts;
    }

    public Uni<Void> onConsentChanged(List<Delivery<CustomerConsentChanged>> deliveries) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Delivery<CustomerConsentChanged> delivery : deliveries) {
            Map<String, Boolean> byChannel = new TreeMap<>();
            List<CustomerConsentChanged.Consent> consents = delivery.data().consents() == null ? List.of()
                    : delivery.data().consents();
            consents.stream().filter(c -> SURVEY_PURPOSE.equals(c.purpose()))
                    .forEach(c -> byChannel.put(c.channel(), c.granted()));
            chain = chain.chain(() -> contacts.replaceConsent(delivery.data().customerId(), byChannel,
                    delivery.event().time()));
        }
        return chain;
    }

    public Uni<Void> onCaseOpened(List<Delivery<CaseOpened>> deliveries) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Delivery<CaseOpened> delivery : deliveries) {
            chain = chain.chain(() -> contacts.caseOpened(delivery.data().caseId(), delivery.data().customerId(),
                    delivery.event().time()));
        }
        return chain;
    }

    public Uni<Void> onCaseClosed(List<Delivery<CaseClosed>> deliveries) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Delivery<CaseClosed> delivery : deliveries) {
            chain = chain.chain(() -> contacts.caseClosed(delivery.data().caseId()));
        }
        return chain;
    }
}
