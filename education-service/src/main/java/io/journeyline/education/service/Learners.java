package io.journeyline.education.service;

import io.journeyline.contract.event.StageChanged;
import io.journeyline.education.persistence.LearnerRepository;
import io.journeyline.platform.messaging.Delivery;
import io.journeyline.platform.messaging.InOrder;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * What education-service knows of a customer when it chooses content: the journey stage journey-service last
 * published ({@code journey.stage-changed}, ordered by the event's time), and the language and channel a CRM or an
 * agent set through the learner API.
 */
@ApplicationScoped
public class Learners {
    private final LearnerRepository learners;
    private final Clock clock;

    public Learners(LearnerRepository learners, Clock clock) {
        this.learners = learners;
        this.clock = clock;
    }

    public Uni<Void> onStageChanged(List<Delivery<StageChanged>> deliveries) {
        return InOrder.each(deliveries, delivery -> {
            StageChanged changed = delivery.data();
            return learners.stage(changed.customerId(), changed.to().name(), delivery.event().time(),
                    OffsetDateTime.now(clock));
        });
    }

    @WithTransaction
    public Uni<LearnerRepository.Learner> setPreferences(String customerId, String language, String channel) {
        return learners.preferences(customerId, language, channel, OffsetDateTime.now(clock))
                .chain(() -> learners.find(customerId)).map(Optional::orElseThrow);
    }

    @WithSession
    public Uni<Optional<LearnerRepository.Learner>> find(String customerId) {
        return learners.find(customerId);
    }
}
