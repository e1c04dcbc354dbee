package io.journeyline.platform.audit;

import io.journeyline.platform.privacy.Pseudonyms;
import io.journeyline.platform.security.Roles;
import io.journeyline.testing.Management;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The access log through real requests: what a person did is there before the answer; what others did is counted. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AccessLogTest {
    @Inject
    Pseudonyms pseudonyms;

    private final String officer = "dpo-" + UUID.randomUUID() + "@example.com";
    private final String privacy = TestTokens.bearerFor(officer, Roles.PRIVACY);

    @Test
    void aPersonsReadIsRecordedWithWhoWhatAndTheRequestIdAndARefusalAsRefused() {
        String admin = "ops-" + UUID.randomUUID();
        String agent = "agent-" + UUID.randomUUID();
        given().header("Authorization", TestTokens.bearerFor(admin, Roles.ADMIN)).header("X-Request-Id", "req-" + admin)
                .get("/api/v1/outbox/parked").then().statusCode(200).header("X-Request-Id", "req-" + admin);
        given().header("Authorization", TestTokens.bearerFor(agent, Roles.AGENT)).get("/api/v1/outbox/parked").then()
                .statusCode(403).header("X-Request-Id", org.hamcrest.Matchers.notNullValue());

        JsonPath byAdmin = audit("actor=" + admin);
        assertThat(byAdmin.getList("items")).hasSize(1);
        assertThat(byAdmin.getString("items[0].method")).isEqualTo("GET");
        assertThat(byAdmin.getString("items[0].resource")).isEqualTo("/api/v1/outbox/parked");
        assertThat(byAdmin.getString("items[0].roles")).isEqualTo("admin");
        assertThat(byAdmin.getInt("items[0].status")).isEqualTo(200);
        assertThat(byAdmin.getString("items[0].requestId")).isEqualTo("req-" + admin);
        assertThat(audit("actor=" + agent).getList("items.status", Integer.class)).containsExactly(403);

        // a path no endpoint has is not kept: it may carry an id in a segment nothing names
        String strayer = "ops-" + UUID.randomUUID();
        String secret = "c-" + UUID.randomUUID();
        given().header("Authorization", TestTokens.bearerFor(strayer, Roles.ADMIN)).get("/api/v1/outbox/parked/" + secret + "/x")
                .then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(404));
        assertThat(audit("actor=" + strayer).getList("items.resource", String.class)).containsExactly("(no such resource)");
    }

    @Test
    void anonymousAndSystemRequestsAreCountedNotLogged() throws Throwable {
        long before = rows();
        given().get("/api/v1/outbox/parked").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-token").get("/api/v1/outbox/parked").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(Roles.INGEST)).get("/api/v1/outbox/parked").then().statusCode(403);
        assertThat(rows()).isEqualTo(before);
        Management.given().get("/q/metrics").then()
                .body(containsString("journeyline_access_refused_total{status=\"401\"}"))
                .body(containsString("journeyline_access_refused_total{status=\"403\"}"));
    }

    @Test
    void aCustomersTrailIsFoundByIdThoughTheLogHoldsOnlyTheHmac() throws Throwable {
        String customer = "c-" + UUID.randomUUID();
        audit("customerId=" + customer);                       // the officer's own look is about that customer
        JsonPath trail = audit("customerId=" + customer);
        assertThat(trail.getList("items")).hasSize(1);
        assertThat(trail.getString("items[0].customerHmac")).isEqualTo(pseudonyms.of(customer));
        assertThat(trail.getString("items[0].actor")).isEqualTo(officer);
        assertThat(count("select count(*) from platform_access_log t where strpos(t::text, '" + customer + "') > 0"))
                .isZero();
    }

    @Test
    void whenTheRowCannotBeWrittenTheReadIsNotServed() throws Throwable {
        execute("alter table platform_access_log rename to platform_access_log_away");
        try {
            given().header("Authorization", TestTokens.bearer(Roles.ADMIN)).get("/api/v1/outbox/parked").then()
                    .statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                    .body("detail", containsString("access log"));
        } finally {
            execute("alter table platform_access_log_away rename to platform_access_log");
        }
        given().header("Authorization", TestTokens.bearer(Roles.ADMIN)).get("/api/v1/outbox/parked").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void onlyPrivacyOfficersReadTheLogAndABadFilterIsNamed() {
        given().header("Authorization", TestTokens.bearer(Roles.ADMIN)).get("/api/v1/audit").then().statusCode(403);
        given().header("Authorization", privacy).get("/api/v1/audit?from=yesterday&cursor=x").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("from", "cursor"));
        given().header("Authorization", privacy).get("/api/v1/audit?limit=1").then().statusCode(200)
                .body("items.size()", equalTo(1));
    }

    private JsonPath audit(String query) {
        return given().header("Authorization", privacy).get("/api/v1/audit?" + query).then().statusCode(200)
                .extract().jsonPath();
    }

    private static long rows() throws Throwable {
        return count("select count(*) from platform_access_log");
    }

    private static long count(String sql) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(sql, Long.class).getSingleResult())));
    }

    private static void execute(String sql) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(sql).executeUpdate())));
    }
}
