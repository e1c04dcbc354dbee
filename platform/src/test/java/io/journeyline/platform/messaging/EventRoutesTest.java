package io.journeyline.platform.messaging;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.journeyline.contract.EventType;
import io.journeyline.contract.event.FeedbackReceived;
import io.journeyline.contract.event.SurveyResponded;
import io.journeyline.contract.vocabulary.FeedbackKind;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Dispatch: each route gets its events of the batch, typed, in order; routes run in declaration order. */
class EventRoutesTest {

    @Test
    void eachRouteGetsItsTypedEventsInDeliveryOrder() {
        List<String> calls = new ArrayList<>();
        EventRoutes routes = EventRoutes.builder()
                .on(FeedbackReceived.class, deliveries -> record(calls, "feedback " + deliveries.stream()
                        .map(d -> d.event().id() + ":" + d.data().kind()).toList()))
                .onEvents(List.of(EventType.FEEDBACK_RECEIVED, EventType.SURVEY_RESPONDED), events -> record(calls,
                        "all " + events.stream().map(IncomingEvent::id).toList()))
                .build();

        routes.dispatch(List.of(feedback("f1"), survey("s1"), feedback("f2"))).await().indefinitely();

        assertThat(calls).containsExactly("feedback [f1:COMPLAINT, f2:COMPLAINT]", "all [f1, s1, f2]");
        assertThat(routes.handles(EventType.SURVEY_RESPONDED)).isTrue();
        assertThat(routes.handles(EventType.CASE_OPENED)).isFalse();
    }

    @Test
    void aRouteWithNoEventsInTheBatchIsNotCalled() {
        List<String> calls = new ArrayList<>();
        EventRoutes routes = EventRoutes.builder()
                .on(SurveyResponded.class, deliveries -> record(calls, "survey"))
                .on(FeedbackReceived.class, deliveries -> record(calls, "feedback"))
                .build();

        routes.dispatch(List.of(feedback("f1"))).await().indefinitely();

        assertThat(calls).containsExactly("feedback");
    }

    @Test
    void aConsumerMustHandleSomethingAndTypedDataMustMatchItsType() {
        assertThatThrownBy(() -> EventRoutes.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> feedback("f1").as(SurveyResponded.class)).hasMessageContaining("carries FeedbackReceived");
        assertThat(feedback("f1").as(FeedbackReceived.class).kind()).isEqualTo(FeedbackKind.COMPLAINT);
    }

    private static Uni<Void> record(List<String> calls, String call) {
        calls.add(call);
        return Uni.createFrom().voidItem();
    }

    private static IncomingEvent feedback(String id) {
        return new IncomingEvent(id, "/test", EventType.FEEDBACK_RECEIVED, OffsetDateTime.parse("2026-11-22T10:00:00Z"), "c-1",
                JsonNodeFactory.instance.objectNode().put("customerId", "c-1").put("feedbackId", "fb-" + id)
                        .put("kind", "complaint").put("category", "BILLING_FEES").put("channel", "phone"), Map.of());
    }

    private static IncomingEvent survey(String id) {
        var data = JsonNodeFactory.instance.objectNode().put("customerId", "c-1").put("surveyId", "nps")
                .put("surveyKind", "NPS").put("responseId", "r-" + id);
        data.putObject("scores").put("primary", 9);
        return new IncomingEvent(id, "/test", EventType.SURVEY_RESPONDED, OffsetDateTime.parse("2026-11-22T10:00:00Z"), "c-1",
                data, Map.of());
    }
}
