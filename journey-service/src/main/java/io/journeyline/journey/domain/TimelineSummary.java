package io.journeyline.journey.domain;

import io.journeyline.platform.cloudevents.IncomingEvent;

import java.util.Objects;
import java.util.stream.Stream;

/** The one-line summary of an event that an agent reads in the timeline. */
public final class TimelineSummary {
    private TimelineSummary() {
    }

    /** E.g. "error at setup.wifi via app (failure)", "NPS response: 3", "complaint BILLING_FEES via phone". */
    public static String of(IncomingEvent event) {
        return switch (event.type()) {
            case TOUCHPOINT_RECORDED -> join(event.dataText("action"), "at", event.dataText("touchpoint"),
                    "via", event.dataText("channel"), parenthesised(event.dataText("outcome")));
            case SURVEY_RESPONDED -> event.dataText("surveyKind") + " response: "
                    + event.data().path("scores").path("primary").asText();
            case FEEDBACK_RECEIVED -> join(event.dataText("kind"), event.dataText("category"), "via", event.dataText("channel"),
                    event.dataText("topic") == null ? null : "about " + event.dataText("topic"));
            case CASE_OPENED, CASE_ACKNOWLEDGED, CASE_RESOLVED, CASE_CLOSED, CASE_REOPENED, CASE_SLA_BREACHED ->
                    join("case", event.dataText("caseId"), verb(event), parenthesised(firstNonNull(
                            event.dataText("rootCause"), event.dataText("outcome"), event.dataText("clock"))));
            case EDUCATION_ASSIGNED, EDUCATION_HELD_OUT, EDUCATION_STARTED, EDUCATION_COMPLETED, EDUCATION_DROPPED_OUT ->
                    join("education", verb(event), firstNonNull(event.dataText("contentId"), event.dataText("pathId")),
                            parenthesised(event.dataText("reason")));
            default -> join(verb(event), parenthesised(event.type().type()));
        };
    }

    /** The last segment of the type: {@code io.journeyline.case.sla-breached} → "sla-breached". */
    private static String verb(IncomingEvent event) {
        String type = event.type().type();
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
