package io.journeyline.feedback.messaging;

import io.journeyline.contract.event.CaseRequested;
import io.journeyline.feedback.service.CaseService;
import io.journeyline.platform.messaging.EventIntake;
import io.journeyline.platform.messaging.EventRoutes;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** journey-service's case requests open (or join) cases; other interventions are for the other services. */
@ApplicationScoped
@Startup   // its routes are registered with the intake at start-up, so a replay finds them before any delivery
public class InterventionsConsumer {
    private final EventIntake intake;

    public InterventionsConsumer(EventIntake intake, CaseService cases) {
        this.intake = intake;
        intake.register(Channels.INTERVENTIONS, EventRoutes.builder()
                .on(CaseRequested.class, cases::onRequested)
                .build());
    }

    @Incoming(Channels.INTERVENTIONS)
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        return intake.accept(Channels.INTERVENTIONS, records);
    }
}
