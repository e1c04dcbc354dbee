package io.journeyline.journey.messaging;

import io.journeyline.journey.service.TimelineService;
import io.journeyline.platform.messaging.EventIntake;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Puts every touchpoint, education and feedback event into its customer's timeline. */
@ApplicationScoped
public class JourneyEventsConsumer {
    private final EventIntake intake;
    private final TimelineService timeline;

    public JourneyEventsConsumer(EventIntake intake, TimelineService timeline) {
        this.intake = intake;
        this.timeline = timeline;
    }

    /** One poll at a time (the channel is a batch channel): one transaction per batch. */
    @Incoming(Channels.JOURNEY_EVENTS)
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        return intake.accept(records, timeline::record);
    }
}
