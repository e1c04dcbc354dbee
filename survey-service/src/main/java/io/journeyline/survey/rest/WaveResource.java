package io.journeyline.survey.rest;

import io.journeyline.contract.vocabulary.Channel;
import io.journeyline.platform.security.Roles;
import io.journeyline.platform.validation.ContractId;
import io.journeyline.platform.validation.CustomerId;
import io.journeyline.platform.validation.OneOf;
import io.journeyline.survey.domain.invitations.Invitation;
import io.journeyline.survey.rest.InvitationResource.InvitationView;
import io.journeyline.survey.service.WaveService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** {@code /api/v1/surveys/{surveyId}/waves}: relational waves, a list of customers invited at once. */
@Path("/api/v1/surveys/{surveyId}/waves")
@Tag(name = "invitations")
@Produces(MediaType.APPLICATION_JSON)
public class WaveResource {
    private final WaveService waves;

    public WaveResource(WaveService waves) {
        this.waves = waves;
    }

    /** One customer of a wave, with the language to ask in (the survey's default when absent) and their segment. */
    public record WaveCustomer(@NotBlank @CustomerId String customerId,
                               @Pattern(regexp = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$") String language,
                               @Size(max = 100) String segment) {
    }

    /**
     * A relational wave: invite these customers (each through the fatigue guards).
     *
     * @param waveId the caller's id for the wave, so sending it twice invites once; generated when absent
     */
    public record WaveRequest(@NotEmpty @Size(max = 10_000) List<@Valid @NotNull WaveCustomer> customers,
                              @OneOf(Channel.class) String channel,
                              @Pattern(regexp = "^[A-Za-z0-9_-]{1,64}$") String waveId) {
    }

    public record WaveResult(String waveId, int sent, int suppressed, List<InvitationView> invitations) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Invite a list of customers to the survey (relational wave); each passes the fatigue guards")
    public Uni<WaveResult> wave(@PathParam("surveyId") @ContractId String surveyId,
                                @Valid @NotNull WaveRequest request) {
        WaveService.Wave wave = new WaveService.Wave(request.customers().stream()
                .map(c -> new WaveService.Invitee(c.customerId(), c.language(), c.segment())).toList(), request.channel(), request.waveId());
        return waves.send(surveyId, wave).map(result -> new WaveResult(result.waveId(),
                (int) result.invitations().stream().filter(i -> !Invitation.SUPPRESSED.equals(i.status())).count(),
                (int) result.invitations().stream().filter(i -> Invitation.SUPPRESSED.equals(i.status())).count(),
                result.invitations().stream().map(InvitationView::of).toList()));
    }
}
