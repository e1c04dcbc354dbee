package io.journeyline.education.messaging;

import io.journeyline.contract.event.ContentGapDetected;
import io.journeyline.contract.event.CustomerConsentChanged;
import io.journeyline.contract.event.EducationRequested;
import io.journeyline.contract.event.ErasureRequested;
import io.journeyline.contract.event.StageChanged;
import io.journeyline.education.service.CatalogService;
import io.journeyline.education.service.EducationRequests;
import io.journeyline.education.service.Learners;
import io.journeyline.platform.consent.Consents;
import io.journeyline.platform.messaging.EventIntake;
import io.journeyline.platform.messaging.EventRoutes;
import io.journeyline.platform.privacy.Erasures;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * journey-service's education requests; the customers' consent, content gaps, journey stages and erasures
 * (journey.insights);
 * everything else on those topics is skipped.
 */
@ApplicationScoped
@Startup   // its routes are registered with the intake at start-up, so a replay finds them before any delivery
public class EducationEventsConsumer {
    /** journey.interventions: education requests. */
    public static final String INTERVENTIONS = "interventions";
    /** journey.insights: consent, content gaps, stage changes, erasures. */
    public static final String INSIGHTS = "insights";

    private final EventIntake intake;

    public EducationEventsConsumer(EventIntake intake, EducationRequests requests, CatalogService catalog,
                                   Consents consents, Learners learners, Erasures erasures) {
        this.intake = intake;
        intake.register(INTERVENTIONS, EventRoutes.builder().on(EducationRequested.class, requests::onRequested).build());
        intake.register(INSIGHTS, EventRoutes.builder()
                .on(CustomerConsentChanged.class, consents::onChanged)
                .on(ContentGapDetected.class, catalog::onContentGaps)
                .on(StageChanged.class, learners::onStageChanged)
                .on(ErasureRequested.class, erasures::onRequested)
                .build());
    }

    @Incoming(INTERVENTIONS)
    public Uni<Void> interventions(ConsumerRecords<String, byte[]> records) {
        return intake.accept(INTERVENTIONS, records);
    }

    @Incoming(INSIGHTS)
    public Uni<Void> insights(ConsumerRecords<String, byte[]> records) {
        return intake.accept(INSIGHTS, records);
    }
}
