package io.journeyline.journey.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.journeyline.contract.EventJson;
import io.journeyline.contract.Topics;
import io.journeyline.contract.event.ErasureCompleted;
import io.journeyline.contract.event.ErasureRequested;
import io.journeyline.journey.config.ErasureConfig;
import io.journeyline.journey.persistence.ErasureRepository;
import io.journeyline.journey.persistence.ErasureRepository.Receipt;
import io.journeyline.platform.messaging.Delivery;
import io.journeyline.platform.messaging.InOrder;
import io.journeyline.platform.outbox.Outbox;
import io.journeyline.platform.privacy.Erasure;
import io.journeyline.platform.privacy.Erasures;
import io.journeyline.platform.privacy.Pseudonyms;
import io.journeyline.platform.problem.ProblemException;
import io.journeyline.platform.timers.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A privacy officer's erasure of a customer, across the four services: journey-service erases the customer and every
 * customer linked to it by identity in the request's transaction, records its own receipt and asks the others
 * ({@code io.journeyline.privacy.erasure-requested}); their receipts ({@code erasure-completed}) arrive on
 * journey.feedback and journey.education. Complete when all four answered; overdue when one has not within
 * {@code journeyline.erasures.receipt-deadline}.
 */
@ApplicationScoped
public class ErasureService {
    private static final Logger LOG = Logger.getLogger(ErasureService.class);
    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {
    };

    /** The services that must answer before an erasure is complete. */
    public static final List<String> SERVICES = List.of("journey-service", "survey-service", "education-service",
            "feedback-service");

    public enum State { PENDING, OVERDUE, COMPLETE }

    /** One service's receipt as the status shows it. */
    public record ReceiptView(String service, Map<String, Long> counts, OffsetDateTime completedAt) {
    }

    /**
     * An erasure's status. {@code customerIds} (the asked-for customer and those linked to it) only in the answer to
     * the request: afterwards nothing holds them.
     */
    public record Status(String erasureId, String customerHmac, int customers, List<String> customerIds, String reason,
                         String requestedBy, OffsetDateTime requestedAt, State status, OffsetDateTime dueBy,
                         OffsetDateTime completedAt, List<ReceiptView> receipts, List<String> waitingFor) {
    }

    private final Erasures erasures;
    private final ErasureRepository repository;
    private final IdentityService identities;
    private final Pseudonyms pseudonyms;
    private final Outbox outbox;
    private final Clock clock;
    private final ErasureConfig config;
    private final MeterRegistry registry;
    private final Vertx vertx;
    private final String service;
    private final AtomicLong overdue = new AtomicLong();
    private Ticker ticker;

    public ErasureService(Erasures erasures, ErasureRepository repository, IdentityService identities,
                          Pseudonyms pseudonyms, Outbox outbox, Clock clock, ErasureConfig config, MeterRegistry registry,
                          Vertx vertx, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.erasures = erasures;
        this.repository = repository;
        this.identities = identities;
        this.pseudonyms = pseudonyms;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
        this.registry = registry;
        this.vertx = vertx;
        this.service = service;
        registry.gauge("journeyline.privacy.erasures.overdue", overdue);
    }

    void start(@Observes StartupEvent event) {
        ticker = Ticker.start(vertx, "erasures-overdue", config.overdueCheckInterval(), this::countOverdue);
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.stop();
        }
    }

    /** Erases {@code customerId} and its linked customers here, records the receipt and asks the other services. */
    @WithTransaction
    public Uni<Status> request(String customerId, String reason, String requestedBy) {
        String erasureId = UUID.randomUUID().toString();
        String hmac = pseudonyms.of(customerId);
        // the lock first: no link and no event of these customers commits between reading the group and erasing it
        return erasures.lock().chain(() -> identities.members(customerId)).chain(members -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            LinkedHashSet<String> ids = new LinkedHashSet<>();
            ids.add(customerId);
            ids.addAll(members);
            Erasure erasure = new Erasure(erasureId, List.copyOf(ids), now);
            return erasures.erase(erasure)
                    .call(() -> repository.insert(new ErasureRepository.Row(erasureId, hmac, ids.size(), reason,
                            requestedBy, now, null)))
                    .call(counts -> repository.addReceipt(erasureId, new Receipt(service, json(counts), now), now))
                    .call(() -> outbox.publishOccurred(new ErasureRequested(customerId, erasureId, reason,
                            erasure.customerIds()), now))
                    .map(counts -> {
                        registry.counter("journeyline.privacy.erasures.requested").increment();
                        return new Status(erasureId, hmac, ids.size(), erasure.customerIds(), reason, requestedBy, now,
                                State.PENDING, now.plus(config.receiptDeadline()), null,
                                List.of(new ReceiptView(service, counts, now)),
                                SERVICES.stream().filter(s -> !s.equals(service)).toList());
                    });
        });
    }

    @WithSession
    public Uni<Status> status(String erasureId) {
        return repository.find(erasureId).chain(found -> {
            ErasureRepository.Row row = found.orElseThrow(() -> ProblemException.notFound("erasure", erasureId));
            return repository.receipts(erasureId).map(receipts -> status(row, receipts));
        });
    }

    private Status status(ErasureRepository.Row row, List<Receipt> receipts) {
        OffsetDateTime dueBy = row.requestedAt().plus(config.receiptDeadline());
        List<String> waitingFor = new ArrayList<>(SERVICES);
        receipts.forEach(receipt -> waitingFor.remove(receipt.service()));
        State state = row.completedAt() != null ? State.COMPLETE
                : OffsetDateTime.now(clock).isAfter(dueBy) ? State.OVERDUE : State.PENDING;
        return new Status(row.id(), row.customerHmac(), row.customers(), null, row.reason(), row.requestedBy(),
                row.requestedAt(), state, dueBy, row.completedAt(),
                receipts.stream().map(r -> new ReceiptView(r.service(), counts(r.counts()), r.completedAt())).toList(),
                waitingFor);
    }

    /**
     * The other services' receipts, in the consumer's batch transaction. A receipt whose {@code service} is not the
     * service its source names is refused (dead-lettered): one service cannot answer for another.
     */
    public Uni<Void> onReceipts(List<Delivery<ErasureCompleted>> receipts) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        // every receipt is checked before the first is kept: one that answers for another service refuses the batch
        for (Delivery<ErasureCompleted> delivery : receipts) {
            ErasureCompleted receipt = delivery.data();
            String expectedSource = Topics.RESERVED_SOURCE_PREFIX + receipt.service();
            if (!delivery.event().source().equals(expectedSource) || !SERVICES.contains(receipt.service())) {
                return Uni.createFrom().failure(new IllegalArgumentException("a receipt from " + delivery.event().source()
                        + " may not answer for " + receipt.service()));
            }
        }
        return InOrder.each(receipts, delivery -> {
            ErasureCompleted receipt = delivery.data();
            return repository.addReceipt(receipt.erasureId(),
                            new Receipt(receipt.service(), json(receipt.counts()), receipt.completedAt()), now)
                    .chain(() -> repository.completeIfAnswered(receipt.erasureId(), SERVICES.size(), now))
                    .invoke(completed -> {
                        if (completed) {
                            registry.counter("journeyline.privacy.erasures.completed").increment();
                            LOG.infof("erasure %s complete: all %d services answered", receipt.erasureId(),
                                    SERVICES.size());
                        }
                    });
        });
    }

    /** Recounts {@code journeyline_privacy_erasures_overdue}: erasures past the deadline without every receipt. */
    public Uni<Long> countOverdue() {
        return Panache.withSession(() -> repository.countPendingSince(OffsetDateTime.now(clock)
                        .minus(config.receiptDeadline())))
                .invoke(overdue::set);
    }

    private static String json(Map<String, Long> counts) {
        try {
            return EventJson.mapper().writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Long> counts(String json) {
        try {
            return EventJson.mapper().readValue(json, COUNTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
