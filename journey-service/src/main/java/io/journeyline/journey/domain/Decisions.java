package io.journeyline.journey.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.journeyline.contract.EventJson;
import io.journeyline.contract.EventType;
import io.journeyline.journey.persistence.DecisionRepository.Decided;
import io.journeyline.journey.persistence.DecisionRepository.Echo;
import io.journeyline.journey.persistence.DecisionRepository.Evidence;
import io.journeyline.journey.persistence.DecisionRepository.StageEntered;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * "Why was I contacted?": each intervention journey-service decided for a customer, told as an agent tells it — the
 * events that were the evidence, the stage the customer was in, the rule and its version, the guard's decision and
 * its reason, what the downstream service did with it and how it ended. Pure: built from what the repository read.
 */
public final class Decisions {
    /** The timeline types that say what a downstream service did with an intervention. */
    public static final List<String> ECHO_TYPES = List.of(EventType.EDUCATION_ASSIGNED.type(),
            EventType.EDUCATION_HELD_OUT.type(), EventType.CASE_OPENED.type(), EventType.SURVEY_INVITED.type(),
            EventType.SURVEY_SUPPRESSED.type());

    private Decisions() {
    }

    /** One decision. {@code downstream} is null while the downstream service has not answered (or never does). */
    public record Decision(String interventionId, String type, String status, OffsetDateTime decidedAt, String ruleId,
                           int ruleVersion, String painPointId, String severity, String topic, String stage,
                           String suppressedBy, String reason, List<EvidenceItem> evidence, Downstream downstream,
                           Outcome outcome) {
    }

    /** An event that was evidence; {@code type} and {@code summary} null when it is no longer in the timeline. */
    public record EvidenceItem(String eventId, OffsetDateTime occurredAt, String type, String summary) {
    }

    /** What the downstream service did: {@code assigned}, {@code held-out}, {@code case-opened}, {@code survey-sent}, {@code survey-suppressed}. */
    public record Downstream(String action, OffsetDateTime at, String reference, String detail) {
    }

    /** How the pain point behind it ended: its status, resolution, and whether the same signal came back. */
    public record Outcome(String painPointStatus, String resolution, boolean recurred) {
    }

    public static List<Decision> of(List<Decided> decided, List<Evidence> evidence, List<Echo> echoes,
                                    List<StageEntered> stages) {
        Map<String, List<EvidenceItem>> evidenceOf = evidence.stream().collect(Collectors.groupingBy(Evidence::painPointId,
                Collectors.mapping(e -> new EvidenceItem(e.eventId(), e.occurredAt(), e.type(), e.summary()),
                        Collectors.toList())));
        List<Reply> replies = echoes.stream().map(Decisions::reply).flatMap(Optional::stream).toList();
        return decided.stream().map(d -> new Decision(d.interventionId(), d.type(), d.status(), d.decidedAt(),
                d.ruleId(), d.ruleVersion(), d.painPointId(), d.severity(), d.topic(), stageAt(stages, d.decidedAt()),
                d.suppressedBy(), d.reason(), evidenceOf.getOrDefault(d.painPointId(), List.of()),
                replies.stream().filter(reply -> reply.answers(d)).map(Reply::downstream).findFirst().orElse(null),
                new Outcome(d.painPointStatus(), d.resolution(), d.recurred()))).toList();
    }

    /** The stage the customer was in at {@code at}: the last one entered by then (null before the first). */
    static String stageAt(List<StageEntered> stages, OffsetDateTime at) {
        String stage = null;
        for (StageEntered entered : stages) {
            if (entered.at().isAfter(at)) {
                break;
            }
            stage = entered.stage();
        }
        return stage;
    }

    /** A downstream event, by the intervention (or, for a case, the pain point) it answers. */
    private record Reply(String interventionId, String painPointId, Downstream downstream) {
        boolean answers(Decided decided) {
            return decided.interventionId().equals(interventionId)
                    || (interventionId == null && decided.painPointId().equals(painPointId) && "CASE".equals(decided.type()));
        }
    }

    private static Optional<Reply> reply(Echo echo) {
        JsonNode data;
        try {
            data = EventJson.mapper().readTree(echo.data());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        String interventionId = text(data, "interventionId");
        EventType type = EventType.fromType(echo.type()).orElseThrow();
        return switch (type) {
            case EDUCATION_ASSIGNED -> Optional.of(new Reply(interventionId, null, new Downstream("assigned", echo.occurredAt(),
                    text(data, "assignmentId"), Optional.ofNullable(text(data, "contentId")).orElse(text(data, "pathId")))));
            case EDUCATION_HELD_OUT -> Optional.of(new Reply(interventionId, null, new Downstream("held-out", echo.occurredAt(),
                    text(data, "assignmentId"), "in the hold-out group that measures whether education works")));
            case CASE_OPENED -> Optional.of(new Reply(null, text(data, "painPointId"), new Downstream("case-opened",
                    echo.occurredAt(), text(data, "caseId"), text(data, "priority"))));
            case SURVEY_INVITED -> Optional.of(new Reply(interventionId, null, new Downstream("survey-sent", echo.occurredAt(),
                    text(data, "invitationId"), text(data, "surveyId") + " via " + text(data, "channel"))));
            case SURVEY_SUPPRESSED -> Optional.of(new Reply(interventionId, null, new Downstream("survey-suppressed",
                    echo.occurredAt(), text(data, "invitationId"), text(data, "guard") + ": " + text(data, "detail"))));
            default -> Optional.empty();
        };
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
