package io.journeyline.journey.service;

import io.journeyline.contract.EventType;
import io.journeyline.contract.event.CustomerConsentChanged;
import io.journeyline.contract.vocabulary.Channel;
import io.journeyline.contract.vocabulary.Vocabulary;
import io.journeyline.journey.config.InterventionsConfig;
import io.journeyline.journey.persistence.ConsentRepository;
import io.journeyline.journey.persistence.ConsentRepository.Consent;
import io.journeyline.journey.persistence.CustomerRepository;
import io.journeyline.journey.service.TimelineService.OwnEntry;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.messaging.InOrder;
import io.journeyline.platform.outbox.Cause;
import io.journeyline.platform.outbox.Outbox;
import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Consent per purpose and channel, from {@code io.journeyline.consent.changed} events and from the consents API.
 * Every change is republished as {@code journey.consent-changed} (the customer's consent after it) so the services
 * that contact customers honour it; the interventions' consent guard reads it here.
 */
@ApplicationScoped
public class ConsentService {
    /** The purposes consent is given for. */
    public static final List<String> PURPOSES = List.of("service", "survey", "education", "marketing");
    /** The channel value that means every channel. */
    public static final String ANY = "any";

    private final ConsentRepository consents;
    private final CustomerRepository customers;
    private final Outbox outbox;
    private final TimelineService timeline;
    private final Set<String> consentedByDefault;
    private final Clock clock;

    public ConsentService(ConsentRepository consents, CustomerRepository customers, Outbox outbox,
                          TimelineService timeline, InterventionsConfig interventions, Clock clock) {
        this.consents = consents;
        this.customers = customers;
        this.outbox = outbox;
        this.timeline = timeline;
        this.consentedByDefault = Set.copyOf(interventions.consentedByDefault());
        this.clock = clock;
    }

    /** What the customer said, and what holds per purpose for every channel (their word, or the default). */
    public record View(String customerId, List<Consent> consents, Map<String, Boolean> effectiveByPurpose) {
    }

    /** A change requested over the API. */
    public record Change(String purpose, String channel, Boolean granted) {
    }

    /** Consent changes of a consumed batch, in its transaction; each changed customer's consent is republished. */
    public Uni<Void> apply(List<IncomingEvent> events) {
        List<IncomingEvent> changes = events.stream()
                .filter(event -> event.type() == EventType.CONSENT_CHANGED && event.customerId() != null).toList();
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Consent> rows = changes.stream().map(event -> new Consent(event.customerId(), event.dataText("purpose"),
                event.dataText("channel"), event.data().path("granted").asBoolean(), event.time(),
                "event:" + event.source() + "|" + event.id())).toList();
        Map<String, Cause> causes = new LinkedHashMap<>();
        changes.forEach(event -> causes.put(event.customerId(), Cause.of(event)));
        return consents.record(rows).chain(() -> publish(causes));
    }

    @WithSession
    public Uni<View> get(String customerId) {
        return customers.exists(customerId).chain(exists -> exists ? consents.of(Set.of(customerId))
                        .map(all -> view(customerId, all.getOrDefault(customerId, List.of())))
                : Uni.createFrom().failure(ProblemException.notFound("customer", customerId)));
    }

    /**
     * Applies the changes now (400 naming every bad field) and republishes. A customer journey-service has not seen
     * yet is created (as a {@code consent.changed} event would create them): a consent platform syncing an opt-out at
     * sign-up, before any touchpoint, must not lose it.
     */
    @WithTransaction
    public Uni<View> put(String customerId, List<Change> changes, String by) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> channels = new TreeSet<>(Vocabulary.wireValues(Channel.class));
        channels.add(ANY);
        int most = PURPOSES.size() * channels.size();
        if (changes == null || changes.isEmpty()) {
            errors.add(Problem.FieldError.of("consents", "at least one change is required"));
        } else if (changes.size() > most) {
            errors.add(Problem.FieldError.of("consents", "at most " + most + " changes, one per purpose and channel"));
        } else {
            for (int i = 0; i < changes.size(); i++) {
                Change change = changes.get(i);
                String at = "consents[" + i + "]";
                if (change.purpose() == null || !PURPOSES.contains(change.purpose())) {
                    errors.add(Problem.FieldError.of(at + ".purpose", "must be one of " + PURPOSES));
                }
                if (change.channel() == null || !channels.contains(change.channel())) {
                    errors.add(Problem.FieldError.of(at + ".channel", "must be one of " + channels));
                }
                if (change.granted() == null) {
                    errors.add(Problem.FieldError.of(at + ".granted", "is required (true or false)"));
                }
            }
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.badRequest("invalid consent change", errors));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Consent> rows = changes.stream().map(change -> new Consent(customerId, change.purpose(), change.channel(),
                change.granted(), now, "api:" + by)).toList();
        return customers.ensure(customerId, now)
                .chain(() -> consents.record(rows))
                .chain(() -> publishNew(customerId, now))
                .chain(() -> consents.of(Set.of(customerId)))
                .map(all -> view(customerId, all.getOrDefault(customerId, List.of())));
    }

    /** Republishes each customer's consent; the change itself is in their timeline as the consumed event. */
    private Uni<Void> publish(Map<String, Cause> causes) {
        return consents.of(causes.keySet()).chain(all -> InOrder.each(causes.entrySet(), entry -> outbox.publish(
                event(entry.getKey(), all.getOrDefault(entry.getKey(), List.of())), entry.getValue())));
    }

    private Uni<Void> publishNew(String customerId, OffsetDateTime now) {
        return consents.of(Set.of(customerId)).chain(all -> {
            CustomerConsentChanged event = event(customerId, all.getOrDefault(customerId, List.of()));
            return outbox.publish(event).chain(id -> timeline.recordOwn(List.of(OwnEntry.of(event, id, now))));
        });
    }

    private static CustomerConsentChanged event(String customerId, List<Consent> consents) {
        return new CustomerConsentChanged(customerId, consents.stream()
                .map(c -> new CustomerConsentChanged.Consent(c.purpose(), c.channel(), c.granted())).toList());
    }

    private View view(String customerId, List<Consent> said) {
        Map<String, Boolean> effective = new LinkedHashMap<>();
        PURPOSES.forEach(purpose -> effective.put(purpose,
                said.stream().filter(c -> c.purpose().equals(purpose) && ANY.equals(c.channel())).findFirst()
                        .map(Consent::granted).orElse(consentedByDefault.contains(purpose))));
        return new View(customerId, said, effective);
    }
}
