package io.journeyline.journey.rest;

import io.journeyline.journey.domain.HealthScore;
import io.journeyline.journey.persistence.StageRepository.Change;
import io.journeyline.journey.service.JourneyViewService;
import io.journeyline.platform.security.Roles;
import io.journeyline.platform.validation.CustomerId;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/customers/{customerId}/journey}: where the customer stands and what was done. */
@Path("/api/v1/customers/{customerId}/journey")
@Tag(name = "customers")
public class JourneyResource {
    private final JourneyViewService journeys;

    public JourneyResource(JourneyViewService journeys) {
        this.journeys = journeys;
    }

    /**
     * The journey. Durations are ISO-8601 ({@code P3DT4H}); {@code health.score} is 100 minus its parts' points;
     * {@code stageHistory} holds the latest {@code journeyline.stages.history-shown} changes (50), oldest first, and
     * {@code stageHistoryComplete} is false when older ones were left out (the timeline has them all).
     */
    public record Journey(String customerId, List<String> linkedCustomerIds, String stage, String phase, OffsetDateTime stageEnteredAt,
                          String timeInStage, List<StageEntry> stageHistory, boolean stageHistoryComplete,
                          Map<String, Score> latestScores,
                          ContactsByTopic contacts, List<PainPointResource.Item> openPainPoints,
                          Interventions interventions, HealthScore.Score health) {
    }

    public record StageEntry(String from, String to, OffsetDateTime at, String cause) {
    }

    public record Score(double score, OffsetDateTime at) {
    }

    public record ContactsByTopic(String window, Map<String, Long> byTopic) {
    }

    public record Interventions(List<PainPointResource.InterventionItem> sent,
                                List<PainPointResource.InterventionItem> suppressed) {
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stage and phase, stage history, latest scores, contacts by topic, open pain points, "
            + "interventions sent and suppressed, and a health score with its parts")
    public Uni<Journey> journey(@PathParam("customerId") @CustomerId String customerId) {
        return journeys.journey(customerId).map(j -> {
            Map<String, Score> scores = new LinkedHashMap<>();
            j.latestScores().forEach((kind, score) -> scores.put(kind, new Score(score.score(), utc(score.at()))));
            var interventions = j.interventions().stream().map(PainPointResource::intervention).toList();
            return new Journey(j.customerId(), j.linkedCustomerIds(), j.stage(), j.phase(), utc(j.stageEnteredAt()),
                    j.timeInStage() == null ? null : j.timeInStage().toString(),
                    j.stageHistory().stream().map(JourneyResource::entry).toList(), j.stageHistoryComplete(), scores,
                    new ContactsByTopic(j.contactsWindow().toString(), j.contactsByTopic()),
                    j.openPainPoints().stream().map(PainPointResource::item).toList(),
                    new Interventions(interventions.stream().filter(i -> "SENT".equals(i.status())).toList(),
                            interventions.stream().filter(i -> !"SENT".equals(i.status())).toList()),
                    j.health());
        });
    }

    private static StageEntry entry(Change change) {
        return new StageEntry(change.from(), change.to(), utc(change.at()), change.causeEventId());
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
