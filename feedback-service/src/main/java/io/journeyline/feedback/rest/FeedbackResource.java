package io.journeyline.feedback.rest;

import io.journeyline.feedback.domain.FeedbackItem;
import io.journeyline.feedback.service.FeedbackService;
import io.journeyline.platform.security.Roles;
import io.journeyline.platform.validation.ContractId;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;

/** {@code /api/v1/feedback}: complaints, suggestions, praise and questions. */
@Path("/api/v1/feedback")
@Tag(name = "feedback")
public class FeedbackResource {
    private final FeedbackService feedback;

    public FeedbackResource(FeedbackService feedback) {
        this.feedback = feedback;
    }

    /** A feedback item as the API shows it. */
    public record FeedbackView(String id, String customerId, String kind, String category, String channel, String topic,
                               String touchpoint, String text, String severity, Sentiment sentiment,
                               OffsetDateTime receivedAt) {
        static FeedbackView of(FeedbackItem item) {
            return new FeedbackView(item.id, item.customerId, item.kind, item.category, item.channel, item.topic,
                    item.touchpoint, item.text, item.severity, item.sentiment == null ? null
                    : new Sentiment(item.sentiment, item.sentimentSource, item.sentimentLanguage), item.receivedAt);
        }
    }

    /** The text's sentiment in [-1, 1], whose it is ({@code sender} or {@code computed}) and the language scored. */
    public record Sentiment(double score, String source, String language) {
    }

    @POST
    @RolesAllowed({Roles.INGEST, Roles.AGENT, Roles.SUPERVISOR})
    @Operation(summary = "Receive feedback; publishes io.journeyline.feedback.received")
    public Uni<Response> receive(@Valid @NotNull FeedbackRequest request, UriInfo uri) {
        return feedback.receive(request.toCommand()).map(item -> Response
                .created(uri.getAbsolutePathBuilder().path(item.id).build())
                .entity(FeedbackView.of(item)).build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    @Operation(summary = "One feedback item")
    public Uni<FeedbackView> get(@PathParam("id") @ContractId String id) {
        return feedback.get(id).map(FeedbackView::of);
    }
}
