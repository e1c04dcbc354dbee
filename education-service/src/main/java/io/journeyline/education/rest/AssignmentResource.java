package io.journeyline.education.rest;

import io.journeyline.education.domain.Assignment;
import io.journeyline.education.domain.AssignmentStatus;
import io.journeyline.education.domain.paths.Unlocking;
import io.journeyline.education.persistence.PathUnitRepository;
import io.journeyline.education.service.AssignmentService;
import io.journeyline.platform.audit.AuditSubject;
import io.journeyline.platform.security.Roles;
import io.journeyline.platform.validation.ContractId;
import io.journeyline.platform.validation.CustomerId;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** Assignments of education to customers, and progress reports from learning platforms. */
@Path("/api/v1")
@Tag(name = "assignments")
public class AssignmentResource {
    private final AssignmentService assignments;

    private final AuditSubject audit;

    public AssignmentResource(AssignmentService assignments, AuditSubject audit) {
        this.assignments = assignments;
        this.audit = audit;
    }

    /**
     * An assignment as the API shows it; for one that answers an education request also the request, topic, level,
     * channel, language and the customer's stage, and {@code why} this content was chosen (or why none was: held out,
     * suppressed). A learning path's assignment shows its {@code units} and where the customer is with each.
     */
    public record AssignmentView(String id, String customerId, String contentId, String pathId, Integer pathVersion,
                                 String reason, AssignmentStatus status, Integer progressPercent, BigDecimal score,
                                 OffsetDateTime assignedAt, OffsetDateTime startedAt, OffsetDateTime completedAt,
                                 String interventionId, String painPointId, String topic, String level, String why,
                                 String channel, String language, String stage, List<UnitView> units) {
        static AssignmentView of(Assignment a, List<PathUnitRepository.Unit> units) {
            return new AssignmentView(a.id, a.customerId, a.contentId, a.pathId, a.pathVersion, a.reason, a.status,
                    a.progressPercent, a.score, a.assignedAt, a.startedAt, a.completedAt, a.interventionId,
                    a.painPointId, a.topic, a.level, a.why, a.channel, a.language, a.stage,
                    a.pathId == null ? null : units.stream().map(UnitView::of).toList());
        }
    }

    /**
     * One unit of a path: LOCKED (prerequisites not completed, or a micro-lesson after an open one), WAITING
     * (unlocked, held back by the daily push cap), UNLOCKED (delivered), COMPLETED.
     */
    public record UnitView(String contentId, boolean microLesson, List<String> prerequisites, Unlocking.UnitStatus status,
                           OffsetDateTime unlockedAt, OffsetDateTime deliveredAt, OffsetDateTime completedAt) {
        static UnitView of(PathUnitRepository.Unit u) {
            return new UnitView(u.contentId(), u.microLesson(), u.prerequisites(), u.status(), u.unlockedAt(),
                    u.pushedAt(), u.completedAt());
        }
    }

    @POST
    @Path("/customers/{customerId}/assignments")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Assign content or a learning path; publishes io.journeyline.education.assigned")
    public Uni<Response> assign(@PathParam("customerId") @CustomerId String customerId,
                                @Valid @NotNull AssignmentRequest request) {
        return assignments.assign(request.toCommand(customerId)).chain(this::view).map(view -> Response
                .created(UriBuilder.fromPath("/api/v1/assignments/{id}").build(view.id())).entity(view).build());
    }

    @GET
    @Path("/customers/{customerId}/assignments")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "A customer's assignments, newest first (a path's units: GET /api/v1/assignments/{id})")
    public Uni<List<AssignmentView>> ofCustomer(@PathParam("customerId") @CustomerId String customerId) {
        return assignments.ofCustomer(customerId).map(list -> list.stream().map(a -> AssignmentView.of(a, List.of()))
                .toList());
    }

    @GET
    @Path("/assignments/{id}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "One assignment")
    public Uni<AssignmentView> get(@PathParam("id") @ContractId String id) {
        return assignments.get(id).invoke(assignment -> audit.about(assignment.customerId)).chain(this::view);
    }

    @POST
    @Path("/assignments/{id}/progress")
    @RolesAllowed(Roles.INGEST)
    @Operation(summary = "Report progress (STARTED, COMPLETED; on a learning path per unit, naming its contentId); "
            + "publishes io.journeyline.education.started/completed")
    public Uni<AssignmentView> reportProgress(@PathParam("id") @ContractId String id,
                                              @Valid @NotNull ProgressReport report) {
        return assignments.reportProgress(id, report.toCommand()).chain(this::view);
    }

    private Uni<AssignmentView> view(Assignment assignment) {
        return assignment.pathId == null ? Uni.createFrom().item(AssignmentView.of(assignment, List.of()))
                : assignments.unitsOf(assignment.id).map(units -> AssignmentView.of(assignment, units));
    }
}
