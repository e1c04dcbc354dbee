package io.journeyline.platform.deadletters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.journeyline.platform.messaging.EventIntake;
import io.journeyline.platform.messaging.Failures;
import io.journeyline.platform.messaging.InOrder;
import io.journeyline.platform.messaging.RecordOutcome;
import io.journeyline.platform.persistence.SqlArrays;
import io.journeyline.platform.timers.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Replay jobs: the dead letters an operator names — by id, or by filter (those not replayed yet, oldest first, at most
 * {@code journeyline.dead-letters.max-records-per-job}) — are read again from their dead-letter topic and each is
 * handed to the intake of the channel that dead-lettered it ({@link EventIntake#replay}), one after the other, in the
 * background on a Vert.x context of the job's own. Each outcome is kept with the job ({@code platform_replay_jobs},
 * {@code platform_replay_job_records}).
 *
 * <p>Never twice: before a dead letter is replayed, its place is claimed in {@code platform_dead_letter_replays}; one
 * claimed before (by any job, on any replica) is {@code skipped}. A replay that fails (an outage outlasting the
 * consumer's retries) gives its claim back and fails the job, so a later job can take it. A truncated copy is
 * {@code skipped}: it is not the whole record.
 */
@ApplicationScoped
public class DeadLetterReplays {
    private static final Logger LOG = Logger.getLogger(DeadLetterReplays.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> COUNTERS = Map.of(RecordOutcome.PROCESSED, "processed",
            RecordOutcome.DUPLICATE, "duplicates", RecordOutcome.DEAD_LETTERED, "dead_lettered",
            RecordOutcome.SKIPPED, "skipped");

    private final DeadLetterReader reader;
    private final EventIntake intake;
    private final DeadLetterConfig config;
    private final Vertx vertx;
    private final Clock clock;
    private final MeterRegistry registry;

    public DeadLetterReplays(DeadLetterReader reader, EventIntake intake, DeadLetterConfig config, Vertx vertx,
                             Clock clock, MeterRegistry registry) {
        this.reader = reader;
        this.intake = intake;
        this.config = config;
        this.vertx = vertx;
        this.clock = clock;
        this.registry = registry;
    }

    /** What a job replays: the dead letters {@code ids} names, in that order, or else those {@code filter} matches. */
    public record Selection(List<DeadLetterId> ids, DeadLetterFilter filter) {
    }

    /** A dead letter's replay, as the listing shows it. */
    public record ReplayState(String outcome, String reason, UUID jobId, OffsetDateTime replayedAt) {
    }

    /** A job as {@code GET /api/v1/dead-letters/replays/{id}} shows it. */
    public record Job(UUID id, String status, JsonNode request, Integer total, boolean moreMatch, int done,
                      Map<String, Integer> counts, String failure, OffsetDateTime createdAt, OffsetDateTime finishedAt,
                      List<JobRecord> outcomes) {
    }

    /** One dead letter's outcome in a job. */
    public record JobRecord(String id, String outcome, String reason, String detail) {
    }

    /** Records the job as RUNNING and starts it in the background; answers its id once it is recorded. */
    public Uni<UUID> start(Selection selection, String requestJson) {
        UUID id = UUID.randomUUID();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into platform_replay_jobs (id, status, request, created_at) values (cast(?1 as uuid), 'RUNNING', ?2, ?3)")
                .setParameter(1, id.toString()).setParameter(2, requestJson).setParameter(3, OffsetDateTime.now(clock))
                .executeUpdate()))
                .invoke(() -> Ticker.onOwnContext(vertx, () -> run(id, selection)).subscribe().with(
                        done -> LOG.infof("dead-letter replay %s done", id),
                        failure -> LOG.errorf("dead-letter replay %s failed: %s", id, Failures.describe(failure))))
                .replaceWith(id);
    }

    private Uni<Void> run(UUID job, Selection selection) {
        return select(selection)
                .call(selected -> execute("update platform_replay_jobs set total = ?2, more_match = ?3 where id = cast(?1 as uuid)",
                        job.toString(), selected.items().size(), selected.moreMatch()))
                .chain(selected -> InOrder.each(IntStream.range(0, selected.items().size()).boxed().toList(), position -> {
                    Selected item = selected.items().get(position);
                    return replayOne(job, item).chain(outcome -> settle(job, position, item.id(), outcome));
                }))
                .chain(() -> execute("update platform_replay_jobs set status = 'DONE', finished_at = ?2 where id = cast(?1 as uuid)",
                        job.toString(), OffsetDateTime.now(clock)))
                .onFailure().call(failure -> execute("update platform_replay_jobs set status = 'FAILED', failure = ?2,"
                        + " finished_at = ?3 where id = cast(?1 as uuid)", job.toString(), Failures.describe(failure),
                        OffsetDateTime.now(clock)));
    }

    /** A selected dead letter; {@code deadLetter} null when the id names none this service can read. */
    private record Selected(DeadLetterId id, DeadLetter deadLetter) {
    }

    private record Chosen(List<Selected> items, boolean moreMatch) {
    }

    private Uni<Chosen> select(Selection selection) {
        if (selection.ids() != null) {
            return reader.find(selection.ids()).map(found -> new Chosen(selection.ids().stream()
                    .map(id -> new Selected(id, found.get(id))).toList(), false));
        }
        return replayed().chain(replayed -> reader.select(selection.filter(), id -> !replayed.contains(id),
                        config.maxRecordsPerJob()))
                .map(page -> new Chosen(page.items().stream().map(d -> new Selected(d.id(), d)).toList(),
                        page.next() != null));
    }

    /**
     * Every dead letter of this service's dead-letter topics replayed before, or being replayed (so a filter does not
     * select it again); a claim left {@code started} past the claim timeout is not among them.
     */
    private Uni<Set<DeadLetterId>> replayed() {
        List<String> topics = reader.topics().stream().map(io.journeyline.contract.Topics::deadLetterTopicOf).toList();
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        select dlq_topic, dlq_partition, dlq_offset from platform_dead_letter_replays
                        where dlq_topic = any(cast(cast(?1 as text) as text[]))
                          and (outcome <> 'started' or replayed_at >= ?2)""", Object[].class)
                .setParameter(1, SqlArrays.of(topics))
                .setParameter(2, OffsetDateTime.now(clock).minus(config.claimTimeout())).getResultList()))
                .map(rows -> {
                    Set<DeadLetterId> ids = new HashSet<>();
                    rows.forEach(row -> ids.add(new DeadLetterId((String) row[0], ((Number) row[1]).intValue(),
                            ((Number) row[2]).longValue())));
                    return ids;
                });
    }

    private Uni<RecordOutcome> replayOne(UUID job, Selected item) {
        DeadLetter deadLetter = item.deadLetter();
        if (deadLetter == null) {
            return Uni.createFrom().item(RecordOutcome.skipped("not found: not a dead letter of this service, or "
                    + item.id().topic() + " no longer keeps it"));
        }
        if (deadLetter.truncated()) {
            return Uni.createFrom().item(RecordOutcome.skipped("a truncated copy cannot be replayed: " + deadLetter.truncation()));
        }
        Optional<String> channel = reader.channelOf(deadLetter).filter(intake.channels()::contains);
        if (channel.isEmpty()) {
            return Uni.createFrom().item(RecordOutcome.skipped("no channel of this service is known to have dead-lettered it"));
        }
        return claim(job, item.id()).chain(claimed -> {
            if (claimed.isPresent()) {
                ReplayState before = claimed.get();
                return Uni.createFrom().item(RecordOutcome.skipped("already replayed by job " + before.jobId()
                        + " at " + before.replayedAt() + " (" + before.outcome() + ")"));
            }
            return intake.replay(channel.get(), deadLetter.original(), item.id().toString())
                    .call(outcome -> execute("update platform_dead_letter_replays set outcome = ?4, reason = ?5"
                                    + " where dlq_topic = ?1 and dlq_partition = ?2 and dlq_offset = ?3", item.id().topic(),
                            item.id().partition(), item.id().offset(), outcome.outcome(), outcome.reason()))
                    // given back, so a later job can replay it: this one did not
                    .onFailure().call(failure -> execute("delete from platform_dead_letter_replays where dlq_topic = ?1"
                                    + " and dlq_partition = ?2 and dlq_offset = ?3 and outcome = 'started'", item.id().topic(),
                            item.id().partition(), item.id().offset()).onFailure().recoverWithNull());
        });
    }

    /**
     * Claims {@code id} for {@code job}: empty when this job may replay it, else the replay that claimed it before. A
     * claim left {@code started} longer than {@code journeyline.dead-letters.claim-timeout} is taken over.
     */
    private Uni<Optional<ReplayState>> claim(UUID job, DeadLetterId id) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into platform_dead_letter_replays (dlq_topic, dlq_partition, dlq_offset, job_id, outcome, replayed_at)
                        values (?1, ?2, ?3, cast(?4 as uuid), 'started', ?5)
                        on conflict (dlq_topic, dlq_partition, dlq_offset) do update
                            set job_id = excluded.job_id, replayed_at = excluded.replayed_at
                            where platform_dead_letter_replays.outcome = 'started'
                              and platform_dead_letter_replays.replayed_at < ?6""")
                .setParameter(1, id.topic()).setParameter(2, id.partition()).setParameter(3, id.offset())
                .setParameter(4, job.toString()).setParameter(5, now).setParameter(6, now.minus(config.claimTimeout()))
                .executeUpdate()))
                .chain(inserted -> inserted == 1 ? Uni.createFrom().item(Optional.<ReplayState>empty())
                        : states(List.of(id)).map(states -> Optional.ofNullable(states.get(id))));
    }

    private Uni<Void> settle(UUID job, int position, DeadLetterId id, RecordOutcome outcome) {
        registry.counter("journeyline.dead.letters.replayed", "outcome", outcome.outcome()).increment();
        String counter = COUNTERS.get(outcome.outcome());
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into platform_replay_job_records (job_id, position, dead_letter_id, outcome, reason, detail)
                        values (cast(?1 as uuid), ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, job.toString()).setParameter(2, position).setParameter(3, id.toString())
                .setParameter(4, outcome.outcome()).setParameter(5, outcome.reason()).setParameter(6, outcome.detail())
                .executeUpdate()
                .chain(() -> session.createNativeQuery("update platform_replay_jobs set done = done + 1, " + counter
                        + " = " + counter + " + 1 where id = cast(?1 as uuid)").setParameter(1, job.toString()).executeUpdate()))).replaceWithVoid();
    }

    /** The replays of those of {@code ids} that were replayed (or are being replayed: outcome {@code started}). */
    public Uni<Map<DeadLetterId, ReplayState>> states(List<DeadLetterId> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        select r.dlq_topic, r.dlq_partition, r.dlq_offset, r.outcome, r.reason, cast(r.job_id as text), r.replayed_at
                        from platform_dead_letter_replays r
                        join unnest(cast(cast(?1 as text) as text[]), cast(cast(?2 as text) as int[]),
                                    cast(cast(?3 as text) as bigint[])) as wanted (topic, part, off)
                          on r.dlq_topic = wanted.topic and r.dlq_partition = wanted.part and r.dlq_offset = wanted.off""",
                        Object[].class)
                .setParameter(1, SqlArrays.of(ids.stream().map(DeadLetterId::topic).toList()))
                .setParameter(2, SqlArrays.of(ids.stream().map(DeadLetterId::partition).toList()))
                .setParameter(3, SqlArrays.of(ids.stream().map(DeadLetterId::offset).toList()))
                .getResultList()))
                .map(rows -> {
                    Map<DeadLetterId, ReplayState> states = new HashMap<>();
                    rows.forEach(row -> states.put(new DeadLetterId((String) row[0], ((Number) row[1]).intValue(),
                                    ((Number) row[2]).longValue()),
                            new ReplayState((String) row[3], (String) row[4], UUID.fromString((String) row[5]), (OffsetDateTime) row[6])));
                    return states;
                });
    }

    /** The job, with its outcomes so far; empty when there is none of that id. */
    public Uni<Optional<Job>> job(UUID id) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        select status, request, total, more_match, done, processed, duplicates, dead_lettered, skipped,
                               failure, created_at, finished_at
                        from platform_replay_jobs where id = cast(?1 as uuid)""", Object[].class)
                .setParameter(1, id.toString()).getResultList()
                .chain(jobs -> jobs.isEmpty() ? Uni.createFrom().item(Optional.<Job>empty())
                        : session.createNativeQuery("""
                                select dead_letter_id, outcome, reason, detail from platform_replay_job_records
                                where job_id = cast(?1 as uuid) order by position""", Object[].class)
                        .setParameter(1, id.toString()).getResultList()
                        .map(records -> Optional.of(job(id, jobs.get(0), records))))));
    }

    private static Job job(UUID id, Object[] row, List<Object[]> records) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        counts.put(RecordOutcome.PROCESSED, ((Number) row[5]).intValue());
        counts.put(RecordOutcome.DUPLICATE, ((Number) row[6]).intValue());
        counts.put(RecordOutcome.DEAD_LETTERED, ((Number) row[7]).intValue());
        counts.put(RecordOutcome.SKIPPED, ((Number) row[8]).intValue());
        List<JobRecord> outcomes = new ArrayList<>(records.size());
        records.forEach(r -> outcomes.add(new JobRecord((String) r[0], (String) r[1], (String) r[2], (String) r[3])));
        return new Job(id, (String) row[0], json((String) row[1]), row[2] == null ? null : ((Number) row[2]).intValue(),
                (Boolean) row[3], ((Number) row[4]).intValue(), counts, (String) row[9], (OffsetDateTime) row[10],
                (OffsetDateTime) row[11], outcomes);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    /** One statement in a transaction of its own, with its parameters in order (a null binds as SQL null). */
    private static Uni<Void> execute(String sql, Object... parameters) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.executeUpdate();
        })).replaceWithVoid();
    }
}
