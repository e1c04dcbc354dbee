package io.journeyline.journey.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.journeyline.contract.EventType;
import io.journeyline.platform.cloudevents.IncomingEvent;

import java.util.Objects;
import java.util.stream.Stream;

/** The one-line summary of an event that an agent reads in the timeline. */
public final class TimelineSummary {
    private TimelineSummary() {
    }

    /** E.g. "error at setup.wifi via app (failure)", "NPS response: 3", "complaint BILLING_FEES via phone". */
    public static String of(IncomingEvent event) {
        return of(event.type(), event.data());
    }

    /** The summary of an event of {@code type} with {@code data}, whoever published it. */
    public static String of(EventType type, JsonNode data) {
        return switch (type) {
            case TOUCHPOINT_RECORDED -> join(text(data, "action"), "at", text(data, "touchpoint"),
                    "via", text(data, "channel"), parenthesised(text(data, "outcome")));
            case SURVEY_RESPONDED -> text(data, "surveyKind") + " response: " + data.path("scores").path("primary").asText();
            case SURVEY_INVITED -> join(text(data, "surveyKind"), "survey invitation via", text(data, "channel"),
                    parenthesised(text(data, "reason")));
            case SURVEY_SUPPRESSED -> join("survey not sent", parenthesised(text(data, "guard")));
            case FEEDBACK_RECEIVED -> join(text(data, "kind"), text(data, "category"), "via", text(data, "channel"),
                    about(text(data, "topic")));
            case CASE_OPENED, CASE_ACKNOWLEDGED, CASE_RESOLVED, CASE_CLOSED, CASE_REOPENED, CASE_ESCALATED, CASE_SLA_BREACHED ->
                    join("case", text(data, "caseId"), verb(type), parenthesised(firstNonNull(
                            text(data, "rootCause"), text(data, "outcome"), text(data, "clock"))));
            case EDUCATION_ASSIGNED, EDUCATION_HELD_OUT, EDUCATION_STARTED, EDUCATION_COMPLETED, EDUCATION_DROPPED_OUT ->
                    join("education", verb(type), firstNonNull(text(data, "contentId"), text(data, "pathId")),
                            parenthesised(text(data, "reason")));
            case CONSENT_CHANGED -> "consent for " + text(data, "purpose") + " via " + text(data, "channel") + ": "
                    + (data.path("granted").asBoolean() ? "granted" : "revoked");
            case CUSTOMER_CONSENT_CHANGED -> "consent updated (" + data.path("consents").size() + " settings)";
            case STAGE_CHANGED -> "stage " + text(data, "from") + " → " + text(data, "to");
            case PAIN_POINT_DETECTED -> join("pain point", text(data, "ruleId"), parenthesised(text(data, "severity")),
                    about(firstNonNull(text(data, "topic"), text(data, "touchpoint"))));
            case PAIN_POINT_RESOLVED -> join("pain point resolved", parenthesised(text(data, "resolution")));
            case EDUCATION_REQUESTED -> join("education requested", about(text(data, "topic")),
                    parenthesised(text(data, "ruleId")));
            case CASE_REQUESTED -> join("case requested", about(text(data, "topic")), parenthesised(text(data, "priority")));
            case SURVEY_REQUESTED -> join(text(data, "surveyKind"), "survey requested", about(text(data, "topic")));
            default -> join(verb(type), parenthesised(type.type()));
        };
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String about(String topic) {
        return topic == null ? null : "about " + topic;
    }

    /** The last segment of the type: {@code io.journeyline.case.sla-breached} → "sla-breached". */
    private static String verb(EventType eventType) {
        String type = eventType.type();
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static String parenthesised(String text) {
        return text == null ? null : "(" + text + ")";
    }

    private static String firstNonNull(String... values) {
        return Stream.of(values).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static String join(String... parts) {
        // Drop a connective ("at", "via") whose value is missing.
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            boolean connective = parts[i] != null && (parts[i].equals("at") || parts[i].equals("via"));
            if (parts[i] == null || (connective && (i + 1 >= parts.length || parts[i + 1] == null))) {
                continue;
            }
            out.append(out.length() == 0 ? "" : " ").append(parts[i]);
        }
        return out.toString();
    }
}
