package io.journeyline.feedback;

import io.journeyline.platform.security.Roles;
import io.journeyline.platform.timers.TimerPoller;
import io.journeyline.testing.TestTokens;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** What the case tests do over HTTP, as an agent or a supervisor would. */
final class CaseApi {
    static final String AGENT = TestTokens.bearer(Roles.AGENT);
    static final String SUPERVISOR = TestTokens.bearer(Roles.SUPERVISOR);

    private CaseApi() {
    }

    /** Posts a complaint (DELIVERY about "parcel" on the phone unless {@code fields} say otherwise); its case's id. */
    static String complain(String customer, String severity, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(Map.of("customerId", customer, "kind", "complaint",
                "category", "DELIVERY", "channel", "phone", "topic", "parcel", "severity", severity));
        body.putAll(fields);
        given().header("Authorization", AGENT).contentType("application/json").body(body)
                .post("/api/v1/feedback").then().statusCode(201);
        return given().header("Authorization", AGENT).get("/api/v1/customers/" + customer + "/cases").then()
                .statusCode(200).extract().path("items[0].id");
    }

    static void command(String caseId, String command) {
        command(caseId, command, Map.of());
    }

    static void command(String caseId, String command, Map<String, String> body) {
        command(caseId, command, body, AGENT);
    }

    /** A command by the holder of {@code token} (a callback of a case nobody took is a supervisor's). */
    static void command(String caseId, String command, Map<String, String> body, String token) {
        given().header("Authorization", token).contentType("application/json").body(body)
                .post("/api/v1/cases/" + caseId + "/" + command).then().statusCode(200);
    }

    static JsonPath view(String caseId) {
        return given().header("Authorization", AGENT).get("/api/v1/cases/" + caseId).then().statusCode(200)
                .extract().jsonPath();
    }

    static List<String> history(String caseId) {
        return view(caseId).getList("history.action", String.class);
    }

    /** Runs the durable-timer poller once, as its schedule would: everything due by the test clock fires. */
    static void fireDue(TimerPoller poller) throws Throwable {
        VertxContextSupport.subscribeAndAwait(poller::fireAllDue);
    }
}
