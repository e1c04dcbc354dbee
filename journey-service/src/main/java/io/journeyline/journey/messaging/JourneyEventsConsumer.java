package io.journeyline.journey.messaging;

import io.journeyline.journey.service.TimelineService;
import io.journeyline.platform.messaging.EventIntake;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

    @Incoming(Channels.JOURNEY_EVENTS)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return intake.accept(record, timeline::record);
    }
}
