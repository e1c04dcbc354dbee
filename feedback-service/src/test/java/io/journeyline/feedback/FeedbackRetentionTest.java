package io.journeyline.feedback;

import io.journeyline.platform.retention.Retention;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** A closed case is kept 25 months after it last changed, with its history; an open one stays however old. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class FeedbackRetentionTest {
    @Inject
    Retention retention;
    @Inject
    TestClock clock;

    @Test
    void aClosedCaseGoesWithItsHistoryAfterTwentyFiveMonthsAnOpenOneStays() throws Throwable {
        String closedCase = CaseApi.complain("cust-" + UUID.randomUUID(), "NORMAL", Map.of());
        CaseApi.command(closedCase, "acknowledge");
        CaseApi.command(closedCase, "resolve", Map.of("rootCause", "BILLING_FEES"));
        CaseApi.command(closedCase, "callback", Map.of("outcome", "RECOVERED"), CaseApi.SUPERVISOR);
        String openCase = CaseApi.complain("cust-" + UUID.randomUUID(), "NORMAL", Map.of());

        clock.advance(Duration.ofDays(761));
        try {
            VertxContextSupport.subscribeAndAwait(retention::deleteExpired);
            CaseApi.view(closedCase);                                  // 761 days: still there
            clock.advance(Duration.ofDays(2));
            VertxContextSupport.subscribeAndAwait(retention::deleteExpired);
            given().header("Authorization", CaseApi.AGENT).get("/api/v1/cases/" + closedCase).then().statusCode(404);
            CaseApi.view(openCase);
        } finally {
            clock.advance(Duration.ofDays(-763));
        }
    }
}
