package io.journeyline.feedback.domain.cases;

import java.time.OffsetDateTime;

/** A case as stored: who, about what, where it stands, who owns it, what opened it. */
public record CaseRecord(String id, String customerId, String topic, String status, String priority, boolean waiting,
                         int reopenings, String outcome, String rootCause, String team, String assignee,
                         String painPointId, String interventionId, OffsetDateTime openedAt, OffsetDateTime updatedAt) {

    /** The key one open case per customer is unique on: the topic, or '' for none. */
    public String topicKey() {
        return topic == null ? "" : topic;
    }
}
