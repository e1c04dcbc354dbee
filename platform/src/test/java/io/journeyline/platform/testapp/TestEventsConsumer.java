package io.journeyline.platform.testapp;

import io.journeyline.contract.event.CaseSlaBreached;
import io.journeyline.contract.event.FeedbackReceived;
import io.journeyline.contract.vocabulary.CaseStatus;
import io.journeyline.contract.vocabulary.SlaClock;
import io.journeyline.platform.outbox.Cause;
import io.journeyline.platform.outbox.Outbox;
import io.journeyline.platform.messaging.Delivery;
import io.journeyline.platform.messaging.EventIntake;
import io.journeyline.platform.messaging.EventRoutes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.net.ConnectException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A consumer as a service author writes one: it handles feedback.received (other types on journey.feedback are
 * skipped) and records each event in handled_events. Test switches in the feedback text: {@code poison} always
 * throws (a bug); {@code flaky-once:<x>} fails like a lost database connection the first time it is seen;
 * {@code publish-invalid} publishes an event that breaks its own schema; {@code slow} runs a 2 s statement.
 */
@ApplicationScoped
public class TestEventsConsumer {
    public static final String CHANNEL = "test-events";

    private static final Set<String> FAILED_ONCE = ConcurrentHashMap.newKeySet();

    private final EventIntake intake;
    private final Outbox outbox;

    public TestEventsConsumer(EventIntake intake, Outbox outbox) {
        this.intake = intake;
        this.outbox = outbox;
        intake.register(CHANNEL, EventRoutes.builder().on(FeedbackReceived.class, this::record).build());
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        return intake.accept(CHANNEL, records);
    }

    private Uni<Void> record(List<Delivery<FeedbackReceived>> deliveries) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Delivery<FeedbackReceived> delivery : deliveries) {
            String text = delivery.data().text();
            if ("poison".equals(text)) {
                return Uni.createFrom().failure(new IllegalStateException("poison event " + delivery.event().id()));
            }
            if ("slow".equals(text)) {
                // work that runs past any short statement timeout, every time
                chain = chain.chain(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery("select 1 from pg_sleep(2)", Integer.class).getSingleResult())).replaceWithVoid();
                continue;
            }
            if ("publish-invalid".equals(text)) {
                // a bug that makes an event breaking its own schema: a breach without the case it is about
                return outbox.publish(new CaseSlaBreached(delivery.data().customerId(), null, CaseStatus.RECEIVED,
                        SlaClock.ACKNOWLEDGE, delivery.event().time()), Cause.of(delivery.event())).replaceWithVoid();
            }
            if (text != null && text.startsWith("flaky-once:") && FAILED_ONCE.add(text)) {
                return Uni.createFrom().failure(new ConnectException("Connection refused (simulated outage)"));
            }
            chain = chain.chain(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                            "insert into handled_events (event_id, customer_id, text) values (?1, ?2, ?3)")
                    .setParameter(1, delivery.event().id()).setParameter(2, delivery.data().customerId())
                    .setParameter(3, text).executeUpdate())).replaceWithVoid();
        }
        return chain;
    }
}
