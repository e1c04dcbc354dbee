package io.journeyline.journey.messaging;

import io.journeyline.contract.EventType;
import io.journeyline.contract.Topics;
import io.journeyline.contract.event.ErasureCompleted;
import io.journeyline.journey.service.ErasureService;
import io.journeyline.journey.service.JourneyUpdater;
import io.journeyline.platform.messaging.EventIntake;
import io.journeyline.platform.messaging.EventRoutes;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.stream.Stream;

/**
 * Every touchpoint, education and feedback event: into its customer's timeline and through the pain-point rules; and
 * the other services' erasure receipts.
 */
@ApplicationScoped
@Startup   // its routes are registered with the intake at start-up, so a replay finds them before any delivery
public class JourneyEventsConsumer {
    /**
     * Every customer's type of the three topics this channel reads: all of them belong in a timeline. The services'
     * erasure receipts (on journey.education and journey.feedback) concern no customer anyone can see.
     */
    static final List<EventType> TIMELINE_TYPES = Stream.of(Topics.TOUCHPOINTS, Topics.EDUCATION, Topics.FEEDBACK)
            .flatMap(topic -> EventType.onTopic(topic).stream())
            .filter(type -> type != EventType.ERASURE_COMPLETED).distinct().toList();

    private final EventIntake intake;

    public JourneyEventsConsumer(EventIntake intake, JourneyUpdater journeys, ErasureService erasures) {
        this.intake = intake;
        intake.register(Channels.JOURNEY_EVENTS, EventRoutes.builder()
                .onEvents(TIMELINE_TYPES, journeys::apply)
                .on(ErasureCompleted.class, erasures::onReceipts)
                .build());
    }

    /** One poll at a time (the channel is a batch channel): one transaction per batch. */
    @Incoming(Channels.JOURNEY_EVENTS)
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        return intake.accept(Channels.JOURNEY_EVENTS, records);
    }
}
