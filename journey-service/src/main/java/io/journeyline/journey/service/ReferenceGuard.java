package io.journeyline.journey.service;

import io.journeyline.journey.persistence.InterventionRepository;
import io.journeyline.journey.persistence.KnownCaseRepository;
import io.journeyline.journey.persistence.PainPointRepository;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.problem.ForeignReferenceException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * No event of a batch may name what belongs to another customer: the pain point ({@code painPointId}), the
 * intervention ({@code interventionId}) or the case ({@code caseId}) of a consumed event must be the event's customer's
 * when journey-service knows it. Pain-point ids are name-based UUIDs anyone can compute, so without this a forged
 * {@code education.completed} for customer B would resolve customer A's pain point. A content gap's pain point (no
 * customer of its own) belongs to the customers whose complaints are its evidence. Runs first in the batch's
 * transaction; a foreign reference fails the batch with {@link ForeignReferenceException}, a permanent failure, so the
 * pipeline processes the batch again one event at a time and dead-letters just that event.
 */
@ApplicationScoped
public class ReferenceGuard {
    private final PainPointRepository painPoints;
    private final InterventionRepository interventions;
    private final KnownCaseRepository cases;

    public ReferenceGuard(PainPointRepository painPoints, InterventionRepository interventions,
                          KnownCaseRepository cases) {
        this.painPoints = painPoints;
        this.interventions = interventions;
        this.cases = cases;
    }

    /** One event's claim that {@code id} (of {@code field}) is its customer's. */
    private record Claim(String field, String id, String customerId) {
    }

    public Uni<Void> check(List<IncomingEvent> events) {
        List<Claim> claims = new ArrayList<>();
        for (IncomingEvent event : events) {
            if (event.customerId() == null) {
                continue;
            }
            for (String field : List.of("painPointId", "interventionId", "caseId")) {
                String id = event.dataText(field);
                if (id != null) {
                    claims.add(new Claim(field, id, event.customerId()));
                }
            }
        }
        if (claims.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return painPoints.owners(ids(claims, "painPointId"))
                .chain(painPointOwners -> interventions.owners(ids(claims, "interventionId"))
                .chain(interventionOwners -> cases.owners(ids(claims, "caseId"))
                .invoke(caseOwners -> {
                    Map<String, String> caseClaimedBy = new HashMap<>();
                    for (Claim claim : claims) {
                        Set<String> owners = switch (claim.field()) {
                            case "painPointId" -> painPointOwners.get(claim.id());
                            case "interventionId" -> interventionOwners.containsKey(claim.id())
                                    ? Set.of(interventionOwners.get(claim.id())) : null;
                            default -> caseOwners.containsKey(claim.id()) ? Set.of(caseOwners.get(claim.id())) : null;
                        };
                        // a case journey-service learns from this very batch: the first customer to name it has it
                        if (owners == null && claim.field().equals("caseId")) {
                            owners = Set.of(caseClaimedBy.computeIfAbsent(claim.id(), id -> claim.customerId()));
                        }
                        if (owners != null && !owners.contains(claim.customerId())) {
                            throw new ForeignReferenceException(claim.field(), claim.id());
                        }
                    }
                }))).replaceWithVoid();
    }

    private static List<String> ids(List<Claim> claims, String field) {
        return List.copyOf(claims.stream().filter(claim -> claim.field().equals(field)).map(Claim::id)
                .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)));
    }
}
