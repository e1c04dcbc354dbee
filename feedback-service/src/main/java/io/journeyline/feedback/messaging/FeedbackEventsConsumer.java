package io.journeyline.feedback.messaging;

import io.journeyline.contract.event.SurveyResponded;
import io.journeyline.feedback.service.CaseCommands;
import io.journeyline.platform.messaging.EventIntake;
import io.journeyline.platform.messaging.EventRoutes;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Survey answers that carry a case id are that case's follow-up; everything else on the topic is skipped. */
@ApplicationScoped
@Startup   // its routes are registered with the intake at start-up, so a replay finds them before any delivery
public class FeedbackEventsConsumer {
    private final EventIntake intake;

    public FeedbackEventsConsumer(EventIntake intake, CaseCommands commands) {
        this.intake = intake;
        intake.register(Channels.FEEDBACK, EventRoutes.builder()
                .on(SurveyResponded.class, commands::followUpAnswered)
                .build());
    }

    @Incoming(Channels.FEEDBACK)
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        return intake.accept(Channels.FEEDBACK, records);
    }
}
