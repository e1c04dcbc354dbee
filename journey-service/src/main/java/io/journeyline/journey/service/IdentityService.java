package io.journeyline.journey.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.journeyline.contract.EventType;
import io.journeyline.journey.config.IdentityConfig;
import io.journeyline.journey.persistence.IdentityRepository;
import io.journeyline.journey.persistence.IdentityRepository.Identifier;
import io.journeyline.journey.persistence.IdentityRepository.Link;
import io.journeyline.journey.persistence.IdentityRepository.Review;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.messaging.InOrder;
import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Links customers that source systems know by a shared identifier. Identifiers from a batch's touchpoints are
 * claimed set-based; an identifier already owned by another customer links the two customers' groups — unless the
 * merged group would hold more identifiers than configured, in which case the link is queued for review instead.
 * (Two batches linking the same two groups from both sides at once may deadlock; PostgreSQL aborts one, and the
 * consumer retries it as a transient failure.)
 */
@ApplicationScoped
public class IdentityService {
    private final IdentityRepository identities;
    private final IdentityConfig config;

    public IdentityService(IdentityRepository identities, IdentityConfig config) {
        this.identities = identities;
        this.config = config;
    }

    /** What is known about an identifier: its customer, the customers linked with it, their identifiers and links. */
    public record Lookup(String customerId, List<String> linkedCustomerIds, List<Identifier> identifiers,
                         List<Link> links) {
    }

    public Uni<Void> apply(List<IncomingEvent> events) {
        // every (identifier, customer) sighting, first one first; the first claims an identifier nobody owns
        Map<String, Identifier> seen = new LinkedHashMap<>();
        events.stream().filter(event -> event.type() == EventType.TOUCHPOINT_RECORDED && event.customerId() != null)
                .sorted(Comparator.comparing(IncomingEvent::time).thenComparing(IncomingEvent::id))
                .forEach(event -> {
                    JsonNode ids = event.data().get("identities");
                    if (ids != null && ids.isObject()) {
                        ids.fields().forEachRemaining(field -> {
                            if (field.getValue().isValueNode() && !field.getValue().asText().isBlank()) {
                                String identifier = field.getKey() + ":" + field.getValue().asText();
                                seen.putIfAbsent(identifier + "|" + event.customerId(), new Identifier(identifier,
                                        event.customerId(), event.time(), event.id()));
                            }
                        });
                    }
                });
        if (seen.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Identifier> first = new LinkedHashMap<>();
        seen.values().forEach(sighting -> first.putIfAbsent(sighting.identifier(), sighting));
        return identities.claim(List.copyOf(first.values()))
                .chain(() -> identities.owners(first.keySet()))
                .chain(owners -> InOrder.each(seen.values(), identifier -> {
                    String owner = owners.get(identifier.identifier());
                    return owner != null && !owner.equals(identifier.customerId()) ? link(identifier, owner)
                            : Uni.createFrom().voidItem();
                }));
    }

    private Uni<Void> link(Identifier seen, String owner) {
        return identities.groupOf(seen.customerId()).chain(group -> identities.groupOf(owner).chain(ownerGroup -> {
            if (group.equals(ownerGroup)) {
                return Uni.createFrom().voidItem();
            }
            Set<String> groups = Set.of(group, ownerGroup);
            return identities.identifierCount(groups).chain(count -> {
                if (count > config.maxIdentifiers()) {
                    return identities.queueReview(new Review(seen.customerId(), owner, seen.identifier(),
                            count.intValue(), seen.causeEventId(), seen.seenAt(), "PENDING"));
                }
                String root = group.compareTo(ownerGroup) < 0 ? group : ownerGroup;
                return identities.link(groups, root, new Link(seen.customerId(), owner, seen.identifier(),
                        seen.causeEventId(), seen.seenAt()));
            });
        }));
    }

    /** The customer an identifier ({@code kind:value}) belongs to, with the linked customers; 404 when unknown. */
    @WithSession
    public Uni<Lookup> lookup(String identifier) {
        if (identifier == null || identifier.indexOf(':') < 1 || identifier.endsWith(":")) {
            return Uni.createFrom().failure(ProblemException.badRequest("an identifier is kind:value",
                    List.of(Problem.FieldError.of("identifier", "must be kind:value, e.g. email:a@example.com"))));
        }
        return identities.owners(Set.of(identifier)).chain(owners -> {
            String customerId = owners.get(identifier);
            if (customerId == null) {
                return Uni.createFrom().failure(ProblemException.notFound("identifier", identifier));
            }
            return identities.members(customerId).chain(members -> identities.identifiersOf(members)
                    .chain(ids -> identities.linksOf(members).map(links -> new Lookup(customerId,
                            members.stream().filter(member -> !member.equals(customerId)).toList(), ids, links))));
        });
    }

    /** Every customer whose journey reading {@code customerId} shows: its group. */
    public Uni<List<String>> members(String customerId) {
        return identities.members(customerId);
    }

    @WithSession
    public Uni<List<Review>> reviews(String status, int limit) {
        return identities.reviews(status, limit).map(ArrayList::new);
    }
}
