package io.journeyline.education.rest;

import io.journeyline.education.domain.Assignment;
import io.journeyline.education.domain.AssignmentStatus;
import io.journeyline.education.service.AssignmentService;
import io.journeyline.platform.security.Roles;
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

    public AssignmentResource(AssignmentService assignments) {
        this.assignments = assignments;
    }

    /**
     * An assignment as the API shows it; for one that answers an education request also the request, topic, level,
     * channel and language, and {@code why} this content was chosen (or why none was: held out, suppressed).
     */
    public record AssignmentView(String id, String customerId, String contentId, String pathId, String reason,
                                 AssignmentStatus status, BigDecimal score, OffsetDateTime assignedAt,
                                 OffsetDateTime startedAt, OffsetDateTime completedAt, String interventionId,
                                 String painPointId, String topic, String level, String why, String channel,
                                 String language) {
        static AssignmentView of(Assignment a) {
            return new AssignmentView(a.id, a.customerId, a.contentId, a.pathId, a.reason, a.status, a.score,
                    a.assignedAt, a.startedAt, a.completedAt, a.interventionId, a.painPointId, a.topic, a.level, a.why,
                    a.channel, a.language);
        }
    }

    @POST
    @Path("/customers/{customerId}/assignments")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Assign content or a learning path; publishes io.journeyline.education.assigned")
    public Uni<Response> assign(@PathParam("customerId") String customerId, @Valid @NotNull AssignmentRequest request) {
        return assignments.assign(request.toCommand(customerId)).map(saved -> Response
                .created(UriBuilder.fromPath("/api/v1/assignments/{id}").build(saved.id))
                .entity(AssignmentView.of(saved)).build());
    }

    @GET
    @Path("/customers/{customerId}/assignments")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "A customer's assignments, newest first")
    public Uni<List<AssignmentView>> ofCustomer(@PathParam("customerId") String customerId) {
        return assignments.ofCustomer(customerId).map(list -> list.stream().map(AssignmentView::of).toList());
    }

    @GET
    @Path("/assignments/{id}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "One assignment")
    public Uni<AssignmentView> get(@PathParam("id") String id) {
        return assignments.get(id).map(AssignmentView::of);
    }

    @POST
    @Path("/assignments/{id}/progress")
    @RolesAllowed(Roles.INGEST)
    @Operation(summary = "Report progress (STARTED, COMPLETED); publishes io.journeyline.education.started/completed")
    public Uni<AssignmentView> reportProgress(@PathParam("id") String id, @Valid @NotNull ProgressReport report) {
        return assignments.reportProgress(id, report.toCommand()).map(AssignmentView::of);
    }
}
