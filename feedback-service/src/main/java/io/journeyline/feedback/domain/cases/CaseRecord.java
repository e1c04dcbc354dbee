package io.journeyline.feedback.domain.cases;

import io.journeyline.contract.vocabulary.CaseOutcome;
import io.journeyline.contract.vocabulary.CaseStatus;

import java.time.OffsetDateTime;

/**
 * A case as stored: who, about what, where it stands, who owns it, what opened it; {@code category} (its first
 * complaint's) and {@code touchpoint} (where the problem happened, when known) for the outer loop's analytics.
 */
public record CaseRecord(String id, String customerId, String topic, String status, String priority, boolean waiting,
                         int reopenings, String outcome, String rootCause, String team, String assignee,
                         String painPointId, String interventionId, OffsetDateTime openedAt, OffsetDateTime updatedAt,
                         String category, String touchpoint) {

    /** The key one open case per customer is unique on: the topic, or '' for none. */
    public String topicKey() {
        return topic == null ? "" : topic;
    }

    /** Where the case stands in its {@link CaseLifecycle}. */
    public CaseLifecycle.State state() {
        return new CaseLifecycle.State(CaseStatus.valueOf(status), waiting, reopenings,
                outcome == null ? null : CaseOutcome.valueOf(outcome));
    }

    /** The same case at another priority. */
    public CaseRecord withPriority(String newPriority, OffsetDateTime at) {
        return new CaseRecord(id, customerId, topic, status, newPriority, waiting, reopenings, outcome, rootCause, team,
                assignee, painPointId, interventionId, openedAt, at, category, touchpoint);
    }
}
