package io.journeyline.survey.messaging;

import io.journeyline.contract.event.ErasureRequested;
import io.journeyline.platform.privacy.Erasures;
import io.journeyline.contract.event.CaseClosed;
import io.journeyline.contract.event.CaseOpened;
import io.journeyline.contract.event.CaseResolved;
import io.journeyline.contract.event.CustomerConsentChanged;
import io.journeyline.contract.event.EducationCompleted;
import io.journeyline.contract.event.SurveyRequested;
import io.journeyline.platform.consent.Consents;
import io.journeyline.platform.messaging.EventIntake;
import io.journeyline.platform.messaging.EventRoutes;
import io.journeyline.survey.service.ContactStateService;
import io.journeyline.survey.service.InvitationTriggers;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * survey-service's four inputs, one route table each: survey requests; case events (open cases, follow-ups, in this
 * order within a batch); completed education; consent and erasures. Everything else on those topics is skipped.
 */
@ApplicationScoped
@Startup   // its routes are registered with the intake at start-up, so a replay finds them before any delivery
public class SurveyEventsConsumer {
    private final EventIntake intake;

    public SurveyEventsConsumer(EventIntake intake, InvitationTriggers triggers, ContactStateService contacts,
                                Consents consents, Erasures erasures) {
        this.intake = intake;
        intake.register(Channels.INTERVENTIONS, EventRoutes.builder()
                .on(SurveyRequested.class, triggers::onSurveyRequested).build());
        intake.register(Channels.FEEDBACK, EventRoutes.builder()
                .on(CaseOpened.class, contacts::onCaseOpened)
                .on(CaseResolved.class, triggers::onCaseResolved)
                .on(CaseClosed.class, contacts::onCaseClosed)
                .build());
        intake.register(Channels.EDUCATION, EventRoutes.builder()
                .on(EducationCompleted.class, triggers::onEducationCompleted).build());
        intake.register(Channels.INSIGHTS, EventRoutes.builder()
                .on(CustomerConsentChanged.class, consents::onChanged)
                .on(ErasureRequested.class, erasures::onRequested)
                .build());
    }

    @Incoming(Channels.INTERVENTIONS)
    public Uni<Void> interventions(ConsumerRecords<String, byte[]> records) {
        return intake.accept(Channels.INTERVENTIONS, records);
    }

    @Incoming(Channels.FEEDBACK)
    public Uni<Void> feedback(ConsumerRecords<String, byte[]> records) {
        return intake.accept(Channels.FEEDBACK, records);
    }

    @Incoming(Channels.EDUCATION)
    public Uni<Void> education(ConsumerRecords<String, byte[]> records) {
        return intake.accept(Channels.EDUCATION, records);
    }

    @Incoming(Channels.INSIGHTS)
    public Uni<Void> insights(ConsumerRecords<String, byte[]> records) {
        return intake.accept(Channels.INSIGHTS, records);
    }
}
