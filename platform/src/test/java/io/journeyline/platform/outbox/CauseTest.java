package io.journeyline.platform.outbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.journeyline.contract.EventType;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.timers.FiredTimer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Ids of derived events: the same cause gives the same id, every other difference a different one. */
class CauseTest {
    private static final IncomingEvent DETRACTOR = event("/survey", "resp-1");

    @Test
    void theSameCauseAndTypeGiveTheSameIdEveryTime() {
        assertThat(Cause.of(DETRACTOR).eventId(EventType.CASE_REQUESTED))
                .isEqualTo(Cause.of(event("/survey", "resp-1")).eventId(EventType.CASE_REQUESTED))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void anotherCauseTypeOrDiscriminatorGivesAnotherId() {
        String id = Cause.of(DETRACTOR).eventId(EventType.CASE_REQUESTED);
        assertThat(Cause.of(event("/survey", "resp-2")).eventId(EventType.CASE_REQUESTED)).isNotEqualTo(id);
        assertThat(Cause.of(event("/other", "resp-1")).eventId(EventType.CASE_REQUESTED)).isNotEqualTo(id);
        assertThat(Cause.of(DETRACTOR).eventId(EventType.SURVEY_REQUESTED)).isNotEqualTo(id);
        assertThat(Cause.of(DETRACTOR).and("rule=PP-DETRACTOR").eventId(EventType.CASE_REQUESTED)).isNotEqualTo(id);
    }

    @Test
    void aTimerIsTheSameCauseForTheSameDueTimeOnly() {
        Instant due = Instant.parse("2026-11-24T10:00:00Z");
        FiredTimer first = new FiredTimer("case-sla", "case-1:RESOLVE", due, null, 1, null);
        FiredTimer retried = new FiredTimer("case-sla", "case-1:RESOLVE", due, null, 2, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        FiredTimer moved = new FiredTimer("case-sla", "case-1:RESOLVE", due.plusSeconds(3600), null, 1, null);

        assertThat(Cause.of(retried).eventId(EventType.CASE_SLA_BREACHED)).isEqualTo(Cause.of(first).eventId(EventType.CASE_SLA_BREACHED));
        assertThat(Cause.of(moved).eventId(EventType.CASE_SLA_BREACHED)).isNotEqualTo(Cause.of(first).eventId(EventType.CASE_SLA_BREACHED));
        assertThat(Cause.of(retried).traceparent()).startsWith("00-0af7651916cd43dd8448eb211c80319c");
    }

    private static IncomingEvent event(String source, String id) {
        return new IncomingEvent(id, source, EventType.SURVEY_RESPONDED, OffsetDateTime.parse("2026-11-22T10:00:00Z"),
                "c-1", JsonNodeFactory.instance.objectNode().put("customerId", "c-1"), Map.of());
    }
}
