package io.journeyline.feedback.service;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.journeyline.contract.event.CaseOpened;
import io.journeyline.contract.event.CaseRequested;
import io.journeyline.contract.vocabulary.CaseStatus;
import io.journeyline.contract.vocabulary.Priority;
import io.journeyline.contract.vocabulary.Severity;
import io.journeyline.feedback.config.CasesConfig;
import io.journeyline.feedback.domain.FeedbackItem;
import io.journeyline.feedback.domain.cases.CaseLifecycle;
import io.journeyline.feedback.domain.cases.CaseRecord;
import io.journeyline.feedback.domain.sla.ClockView;
import io.journeyline.feedback.persistence.CaseRepository;
import io.journeyline.feedback.persistence.CaseRepository.Contact;
import io.journeyline.feedback.persistence.CaseRepository.HistoryEntry;
import io.journeyline.feedback.persistence.SlaRepository;
import io.journeyline.platform.messaging.Delivery;
import io.journeyline.platform.messaging.InOrder;
import io.journeyline.platform.outbox.Cause;
import io.journeyline.platform.outbox.Outbox;
import io.journeyline.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Opens closed-loop cases — from complaints as configured, and from journey-service's case requests — with one open
 * case per customer and topic: a further complaint or request on the topic is gathered into it as a contact (with its
 * evidence) instead of opening a second case. Every opening and gathering is in the case's history;
 * {@code case.opened} goes out through the outbox (with the pain point that asked for it).
 */
@ApplicationScoped
public class CaseService {
    /** The actor recorded for what the service does by itself. */
    static final String SYSTEM = "feedback-service";

    private final CaseRepository cases;
    private final Outbox outbox;
    private final CasesConfig config;
    private final SlaService sla;
    private final SlaRepository clocks;
    private final CaseLifecycle lifecycle;
    private final Clock clock;

    public CaseService(CaseRepository cases, Outbox outbox, CasesConfig config, SlaService sla, SlaRepository clocks,
                       Clock clock) {
        this.cases = cases;
        this.outbox = outbox;
        this.config = config;
        this.sla = sla;
        this.clocks = clocks;
        this.lifecycle = new CaseLifecycle(config.maxReopenings());
        this.clock = clock;
    }

    /** A case with what brought it about, what happened to it, what may be done to it now, and its SLA clocks. */
    public record CaseView(
            CaseRecord record,
            @Schema(description = "What brought the case about: feedback items and case requests") List<Contact> contacts,
            @Schema(description = "Every change of the case, in order") List<HistoryEntry> history,
            @Schema(description = "The commands the case's state allows now, as their paths under "
                    + "/api/v1/cases/{caseId}/, in the lifecycle's order: acknowledge, assign, notes, escalate, "
                    + "wait-on-customer, resume, resolve, callback. Any other is 409 naming these. Who may send which "
                    + "is the caller's role's (403)") List<String> allowed,
            @Schema(description = "The case's SLA clocks (ACKNOWLEDGE, RESOLVE)") List<ClockView> clocks,
            @Schema(description = "The root causes a resolution may name (journeyline.cases.root-causes), in the "
                    + "configured order") List<String> rootCauses) {
    }

    /** A case in a list, with its most urgent open SLA clock. */
    public record CaseSummary(
            @JsonUnwrapped CaseRecord record,
            @Schema(description = "The case's most urgent open clock (not stopped, the case open): breached before "
                    + "at-risk, then the nearest due time, a paused one last; null when none counts", nullable = true)
            ClockView sla) {
    }

    private record Opening(String customerId, String topic, Priority priority, String category, String touchpoint,
                           Contact contact, String feedbackId, String painPointId, String interventionId, Cause cause) {
    }

    /** A complaint received over the API opens or joins a case when the configuration says so (caller's transaction). */
    public Uni<Void> onFeedback(FeedbackItem item) {
        if (!opensCase(item)) {
            return Uni.createFrom().voidItem();
        }
        Severity severity = item.severity == null ? null : Severity.valueOf(item.severity);
        return open(new Opening(item.customerId, item.topic, config.priorityFor(severity), item.category, item.touchpoint,
                new Contact("feedback", item.id, item.receivedAt, null), item.id, null, null, null)).replaceWithVoid();
    }

    /** journey-service's case requests, in the consumed batch's transaction. */
    public Uni<Void> onRequested(List<Delivery<CaseRequested>> deliveries) {
        return InOrder.each(deliveries, delivery -> {
            CaseRequested request = delivery.data();
            Priority priority = request.priority() != null ? request.priority() : config.priorityFor(request.severity());
            return open(new Opening(request.customerId(), request.topic(), priority, null, request.touchpoint(),
                    new Contact("case-request", request.interventionId(), delivery.event().time(),
                            request.evidence() == null ? null : String.join(",", request.evidence())),
                    null, request.painPointId(), request.interventionId(), Cause.of(delivery.event())));
        });
    }

    @WithSession
    public Uni<CaseView> get(String id) {
        return cases.find(id).chain(found -> found.isEmpty()
                ? Uni.createFrom().failure(ProblemException.notFound("case", id))
                : cases.contacts(id).chain(contacts -> cases.history(id).chain(history -> clocks.of(id)
                .map(rows -> new CaseView(found.get(), contacts, history, lifecycle.offered(found.get().state()),
                        rows.stream().map(SlaRepository.ClockRow::view).toList(), config.rootCauses())))));
    }

    /** A page of a list of cases, and where the next one starts (null: this is the last). */
    public record CasePage(List<CaseSummary> items, CaseRepository.Position next) {
    }

    /** A page of the queue of at most {@code query.limit()} cases: one more is read to know whether another follows. */
    @WithSession
    public Uni<CasePage> queue(CaseRepository.Query query) {
        int limit = query.limit();
        return cases.queue(new CaseRepository.Query(query.customerId(), query.status(), query.priority(), query.topic(),
                query.team(), query.assignee(), query.breached(), limit + 1, query.order(), query.after())).map(queued -> {
            boolean more = queued.size() > limit;
            List<CaseRepository.Queued> page = more ? queued.subList(0, limit) : queued;
            return new CasePage(page.stream().map(q -> new CaseSummary(q.record(),
                    q.urgent() == null ? null : q.urgent().view())).toList(),
                    more ? page.get(page.size() - 1).position() : null);
        });
    }

    private Uni<CaseRecord> open(Opening o) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String id = o.cause() == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes(("case|" + o.cause().identity()).getBytes(StandardCharsets.UTF_8)).toString();
        CaseRecord fresh = new CaseRecord(id, o.customerId(), o.topic(), CaseStatus.RECEIVED.name(), o.priority().name(),
                false, 0, null, null, null, null, o.painPointId(), o.interventionId(), o.contact().occurredAt(), now,
                o.category(), o.touchpoint());
        return cases.insertIfNoneOpen(fresh).chain(inserted -> {
            if (inserted) {
                CaseOpened event = new CaseOpened(o.customerId(), id, CaseStatus.RECEIVED, o.priority(), o.feedbackId(),
                        o.topic(), o.painPointId());
                return cases.addContact(id, o.contact())
                        .chain(() -> cases.addHistory(id, new HistoryEntry(now, "opened", CaseStatus.RECEIVED.name(),
                                SYSTEM, "from " + o.contact().kind() + " " + o.contact().refId())))
                        .chain(() -> sla.start(id, o.priority(), fresh.openedAt().toInstant()))
                        .chain(() -> o.cause() == null ? outbox.publish(event) : outbox.publish(event, o.cause()))
                        .replaceWith(fresh);
            }
            return cases.openCase(o.customerId(), fresh.topicKey()).chain(existing -> {
                CaseRecord open = existing.orElseThrow(() -> new IllegalStateException(
                        "no open case for " + o.customerId() + " on '" + fresh.topicKey() + "' after a conflict"));
                return cases.addContact(open.id(), o.contact()).chain(added -> !added ? Uni.createFrom().item(open)
                        : cases.addHistory(open.id(), new HistoryEntry(now, "gathered", open.status(), SYSTEM,
                                o.contact().kind() + " " + o.contact().refId()))
                        .chain(() -> raiseIfHigher(open, o, now)));
            });
        });
    }

    /**
     * A contact of a higher priority joined the case (a critical complaint on a normal case): the case takes that
     * priority and its running clocks its shorter targets.
     */
    private Uni<CaseRecord> raiseIfHigher(CaseRecord open, Opening o, OffsetDateTime now) {
        Priority current = Priority.valueOf(open.priority());
        if (o.priority().compareTo(current) <= 0) {
            return Uni.createFrom().item(open);
        }
        CaseRecord raised = open.withPriority(o.priority().name(), now);
        return cases.update(raised)
                .chain(() -> cases.addHistory(open.id(), new HistoryEntry(now, "priority-raised", open.status(), SYSTEM,
                        current + " → " + o.priority() + " by " + o.contact().kind() + " " + o.contact().refId())))
                .chain(() -> sla.retarget(open.id(), o.priority()))
                .replaceWith(raised);
    }

    private boolean opensCase(FeedbackItem item) {
        return config.openOnKinds().contains(item.kind)
                && matches(config.openOnCategories(), item.category)
                && matches(config.openOnSeverities(), item.severity == null ? "none" : item.severity);
    }

    private static boolean matches(List<String> allowed, String value) {
        return allowed.contains("any") || allowed.stream().anyMatch(a -> a.equalsIgnoreCase(value));
    }
}
