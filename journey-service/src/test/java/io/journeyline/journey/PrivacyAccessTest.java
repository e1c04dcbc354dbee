package io.journeyline.journey;

import io.journeyline.platform.security.Roles;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** The privacy endpoints of journey-service: no token is a 401, a token without the role a 403, each as a problem. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class PrivacyAccessTest {
    private record Call(String method, String path, List<String> allowed) {
    }

    @Test
    void everyPrivacyEndpointRefusesAMissingTokenAndAForeignRole() {
        String customer = JourneyApi.newCustomer();
        String id = UUID.randomUUID().toString();
        List<Call> calls = List.of(
                new Call("POST", "/api/v1/privacy/erasures", List.of(Roles.PRIVACY)),
                new Call("GET", "/api/v1/privacy/erasures/" + id, List.of(Roles.PRIVACY)),
                new Call("GET", "/api/v1/privacy/customers/" + customer + "/export", List.of(Roles.PRIVACY)),
                new Call("POST", "/api/v1/privacy/customers/" + customer + "/exports", List.of(Roles.PRIVACY)),
                new Call("GET", "/api/v1/privacy/exports/" + id, List.of(Roles.PRIVACY)),
                new Call("GET", "/api/v1/privacy/exports/" + id + "/document", List.of(Roles.PRIVACY)),
                new Call("GET", "/api/v1/privacy/customers/" + customer + "/data", List.of(Roles.PRIVACY)),
                new Call("GET", "/api/v1/audit", List.of(Roles.PRIVACY)),
                new Call("GET", "/api/v1/customers/" + customer + "/decisions",
                        List.of(Roles.AGENT, Roles.SUPERVISOR, Roles.PRIVACY)));
        for (Call call : calls) {
            given().contentType("application/json").body("{}").request(call.method(), call.path()).then()
                    .statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
            for (String role : List.of(Roles.INGEST, Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.PRIVACY)) {
                if (!call.allowed().contains(role)) {
                    given().header("Authorization", TestTokens.bearer(role)).contentType("application/json").body("{}")
                            .request(call.method(), call.path()).then().statusCode(403)
                            .contentType("application/problem+json");
                }
            }
        }
    }
}
