package io.journeyline.journey.service;

import io.journeyline.journey.domain.Decisions;
import io.journeyline.journey.persistence.DecisionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;

/**
 * "Why was I contacted?" for one customer: six reads, each bounded by the decisions shown (the latest {@code limit}
 * interventions; their evidence by id; the echoes since the oldest of them through the timeline's by-type index; the
 * stages since then), put together by {@link Decisions}.
 */
@ApplicationScoped
public class DecisionService {
    private final DecisionRepository repository;

    public DecisionService(DecisionRepository repository) {
        this.repository = repository;
    }

    /** The customer's latest {@code limit} decisions, newest first. */
    @WithSession
    public Uni<List<Decisions.Decision>> of(String customerId, int limit) {
        return repository.decisions(customerId, limit).chain(decided -> {
            if (decided.isEmpty()) {
                return Uni.createFrom().item(List.<Decisions.Decision>of());
            }
            OffsetDateTime oldest = decided.stream().map(DecisionRepository.Decided::decidedAt)
                    .min(Comparator.naturalOrder()).orElseThrow();
            return repository.evidence(customerId, decided.stream().map(DecisionRepository.Decided::painPointId).toList())
                    .chain(evidence -> repository.echoes(customerId, Decisions.ECHO_TYPES, oldest.minusDays(1))
                            .chain(echoes -> repository.stages(customerId, oldest)
                                    .map(stages -> Decisions.of(decided, evidence, echoes, stages))));
        });
    }
}
