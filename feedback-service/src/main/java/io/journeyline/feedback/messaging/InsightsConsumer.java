package io.journeyline.feedback.messaging;

import io.journeyline.contract.event.ErasureRequested;
import io.journeyline.platform.messaging.EventIntake;
import io.journeyline.platform.messaging.EventRoutes;
import io.journeyline.platform.privacy.Erasures;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Erasures journey-service asks for; everything else on journey.insights is skipped. */
@ApplicationScoped
@Startup   // its routes are registered with the intake at start-up, so a replay finds them before any delivery
public class InsightsConsumer {
    private final EventIntake intake;

    public InsightsConsumer(EventIntake intake, Erasures erasures) {
        this.intake = intake;
        intake.register(Channels.INSIGHTS, EventRoutes.builder().on(ErasureRequested.class, erasures::onRequested).build());
    }

    @Incoming(Channels.INSIGHTS)
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        return intake.accept(Channels.INSIGHTS, records);
    }
}
