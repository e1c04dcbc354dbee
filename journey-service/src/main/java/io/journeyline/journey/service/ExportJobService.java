package io.journeyline.journey.service;

import io.journeyline.contract.EventJson;
import io.journeyline.journey.persistence.ExportJobRepository;
import io.journeyline.journey.persistence.ExportJobRepository.Job;
import io.journeyline.platform.problem.ProblemException;
import io.journeyline.platform.timers.Ticker;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A subject-access export as a job, for a history too long to wait for: asked for (202 with its id), run at once in the
 * background with the caller's token, its progress the parts in (one per service), its document kept in
 * {@code export_jobs} until the customer's erasure or {@code journeyline.retention.journey.exports} (7 days). A job
 * whose process died stays RUNNING; ask again.
 */
@ApplicationScoped
public class ExportJobService {
    private static final Logger LOG = Logger.getLogger(ExportJobService.class);

    private final ExportService exports;
    private final ExportJobRepository jobs;
    private final Clock clock;
    private final Vertx vertx;

    public ExportJobService(ExportService exports, ExportJobRepository jobs, Clock clock, Vertx vertx) {
        this.exports = exports;
        this.jobs = jobs;
        this.clock = clock;
        this.vertx = vertx;
    }

    public Uni<Job> start(String customerId, String requestedBy, String authorization) {
        Job job = new Job(UUID.randomUUID().toString(), customerId, requestedBy, OffsetDateTime.now(clock), "RUNNING", 0,
                ExportService.PARTS, null, null, null);
        return jobs.insert(job).invoke(() -> run(job, authorization)).replaceWith(job);
    }

    private void run(Job job, String authorization) {
        Ticker.onOwnContext(vertx, () -> exports.export(job.customerId(), authorization,
                        () -> Ticker.onOwnContext(vertx, () -> jobs.partDone(job.id())).subscribe().with(ignored -> {
                        }, failure -> LOG.warnf("export job %s: its progress was not recorded: %s", job.id(), failure)))
                .chain(export -> jobs.done(job.id(), EventJson.write(export), EventJson.write(export.missing()), OffsetDateTime.now(clock))))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("export job %s failed: %s", job.id(), failure.toString());
                    return Ticker.onOwnContext(vertx, () -> jobs.failed(job.id(), failure.toString(), OffsetDateTime.now(clock)));
                })
                .subscribe().with(ignored -> {
                }, failure -> LOG.errorf("export job %s: its failure was not recorded: %s", job.id(), failure));
    }

    public Uni<Job> status(String id) {
        return jobs.find(id).map(found -> found.orElseThrow(() -> ProblemException.notFound("export", id)));
    }

    public Uni<String> document(String id) {
        return jobs.document(id).map(found -> found.orElseThrow(() -> ProblemException.notFound("finished export", id)));
    }
}
