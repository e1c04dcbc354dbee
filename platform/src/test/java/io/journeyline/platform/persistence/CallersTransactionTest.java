package io.journeyline.platform.persistence;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.journeyline.contract.EventType;
import io.journeyline.contract.event.FeedbackReceived;
import io.journeyline.contract.vocabulary.Channel;
import io.journeyline.contract.vocabulary.FeedbackCategory;
import io.journeyline.contract.vocabulary.FeedbackKind;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.messaging.ProcessedEvents;
import io.journeyline.platform.outbox.Outbox;
import io.journeyline.platform.testapp.RecordingTimerHandler;
import io.journeyline.platform.timers.Timers;
import io.journeyline.testing.RealInfrastructure;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox, the dedupe store and the timers write only inside the caller's transaction: alone, they refuse. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class CallersTransactionTest {
    @Inject
    Outbox outbox;
    @Inject
    ProcessedEvents processedEvents;
    @Inject
    Timers timers;

    @Test
    void outsideATransactionTheyFailInsteadOfCommittingAlone() {
        assertRefused(() -> outbox.publish(new FeedbackReceived("c-1", "f-1", FeedbackKind.PRAISE, FeedbackCategory.OTHER,
                Channel.WEB, null, null, null, null, null)));
        assertRefused(() -> processedEvents.firstSeen(List.of(new IncomingEvent("e-1", "/test", EventType.FEEDBACK_RECEIVED,
                OffsetDateTime.now(), "c-1", JsonNodeFactory.instance.objectNode(), Map.of()))));
        assertRefused(() -> timers.schedule(RecordingTimerHandler.KIND, "k", Instant.now(), null));
        assertRefused(() -> timers.cancel(RecordingTimerHandler.KIND, "k"));
    }

    private static void assertRefused(Supplier<Uni<?>> call) {
        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(call::get)))
                .hasMessageContaining("must be called inside the caller's transaction");
    }
}
