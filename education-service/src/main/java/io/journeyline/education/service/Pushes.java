package io.journeyline.education.service;

import io.journeyline.contract.event.DeliveryRequested;
import io.journeyline.contract.vocabulary.Channel;
import io.journeyline.contract.vocabulary.Vocabulary;
import io.journeyline.education.config.EducationConfig;
import io.journeyline.education.domain.Assignment;
import io.journeyline.education.domain.paths.PushCap;
import io.journeyline.education.domain.paths.Unlocking.UnitStatus;
import io.journeyline.education.persistence.AssignmentRepository;
import io.journeyline.education.persistence.PathUnitRepository;
import io.journeyline.education.persistence.PushRepository;
import io.journeyline.platform.outbox.Cause;
import io.journeyline.platform.outbox.Outbox;
import io.journeyline.platform.timers.FiredTimer;
import io.journeyline.platform.timers.TimerHandler;
import io.journeyline.platform.timers.Timers;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Delivers education to customers — a {@code delivery.requested} on journey.outbound — under the daily push cap
 * ({@code journeyline.education.daily-push-cap} deliveries in any {@code push-cap-window}). A lesson answering a pain
 * point goes out at once and counts; a learning path's unit that finds no room WAITs, and the customer's durable
 * timer ({@value #KIND}) delivers it when the cap has room again. Every push is recorded, so the cap holds across
 * restarts and replicas (a per-customer advisory lock serialises the decisions on units).
 */
@ApplicationScoped
public class Pushes implements TimerHandler {
    static final String KIND = "education-push";

    private final PushRepository pushes;
    private final PathUnitRepository units;
    private final AssignmentRepository assignments;
    private final Timers timers;
    private final Outbox outbox;
    private final DropOuts dropOuts;
    private final EducationConfig config;
    private final Clock clock;

    public Pushes(PushRepository pushes, PathUnitRepository units, AssignmentRepository assignments, Timers timers,
                  Outbox outbox, DropOuts dropOuts, EducationConfig config, Clock clock) {
        this.pushes = pushes;
        this.units = units;
        this.assignments = assignments;
        this.timers = timers;
        this.outbox = outbox;
        this.dropOuts = dropOuts;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Delivers a single-content assignment now (the cap does not hold it back, but it counts). It takes no lock: it
     * decides nothing, and a unit deciding at the same moment may at worst not see it (one delivery over the cap).
     */
    public Uni<Void> deliver(Assignment assignment, Cause cause) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return pushes.record(assignment.customerId, assignment.id, assignment.contentId, now)
                .chain(recorded -> recorded ? publish(assignment, assignment.contentId, assignment.id, cause)
                        : Uni.createFrom().voidItem());
    }

    /**
     * A path's unit unlocked: delivered now when the cap has room (UNLOCKED), else WAITING for the customer's timer.
     *
     * @return whether it was delivered now
     */
    public Uni<Boolean> deliverUnit(Assignment assignment, String contentId, Cause cause) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return pushes.lockCustomer(assignment.customerId).chain(() -> roomAt(assignment.customerId, now)).chain(room -> {
            if (room.isAfter(now.toInstant())) {
                return units.move(assignment.id, contentId, UnitStatus.WAITING, now)
                        .chain(() -> timers.schedule(KIND, assignment.customerId, room, assignment.customerId, cause))
                        .replaceWith(false);
            }
            return pushUnit(assignment, contentId, now, cause).replaceWith(true);
        });
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The customer's push lock first, as a unit's delivery takes it before it schedules this timer. */
    @Override
    public Uni<Boolean> tryLockFirst(FiredTimer timer) {
        return pushes.tryLockCustomer(timer.payload());
    }

    /** The cap has room again for this customer: delivers waiting units, oldest first, while it lasts. */
    @Override
    public Uni<Void> fire(FiredTimer timer) {
        String customerId = timer.payload();
        OffsetDateTime now = OffsetDateTime.now(clock);
        return pushes.lockCustomer(customerId).chain(() -> units.waitingOf(customerId))
                .chain(waiting -> deliverWaiting(customerId, waiting, now, Cause.of(timer)));
    }

    private Uni<Void> deliverWaiting(String customerId, List<PathUnitRepository.Unit> waiting, OffsetDateTime now,
                                     Cause cause) {
        if (waiting.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        PathUnitRepository.Unit next = waiting.get(0);
        return roomAt(customerId, now).chain(room -> room.isAfter(now.toInstant())
                ? timers.schedule(KIND, customerId, room, customerId, cause)
                : assignments.findById(next.assignmentId())
                .chain(assignment -> pushUnit(assignment, next.contentId(), now, cause))
                .chain(() -> deliverWaiting(customerId, waiting.subList(1, waiting.size()), now, cause)));
    }

    private Uni<Void> pushUnit(Assignment assignment, String contentId, OffsetDateTime now, Cause cause) {
        // a new lesson gives the customer the full drop-out time again
        return units.move(assignment.id, contentId, UnitStatus.UNLOCKED, now)
                .chain(() -> pushes.record(assignment.customerId, assignment.id, contentId, now))
                .chain(() -> dropOuts.restart(assignment.id, now))
                .chain(() -> publish(assignment, contentId, assignment.id + ":" + contentId,
                        cause == null ? null : cause.and("unit=" + contentId)));
    }

    private Uni<Instant> roomAt(String customerId, OffsetDateTime now) {
        return pushes.since(customerId, now.minus(config.pushCapWindow()))
                .map(recent -> PushCap.roomAt(recent, config.dailyPushCap(), config.pushCapWindow(), now.toInstant()));
    }

    private Uni<Void> publish(Assignment a, String contentId, String deliveryId, Cause cause) {
        DeliveryRequested delivery = new DeliveryRequested(a.customerId, deliveryId,
                Vocabulary.parse(Channel.class, a.channel).orElse(Channel.APP), "education", null, contentId, a.language,
                null);
        return (cause == null ? outbox.publish(delivery) : outbox.publish(delivery, cause)).replaceWithVoid();
    }
}
