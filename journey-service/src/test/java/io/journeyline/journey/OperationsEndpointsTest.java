package io.journeyline.journey;

import io.journeyline.testing.Management;
import io.journeyline.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

/**
 * What an operator deploying to Kubernetes relies on: probes, metrics, the API description — on the management port,
 * which no Ingress publishes, and not on the public port, which one does.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class OperationsEndpointsTest {

    @Test
    void readinessCoversKafkaAndTheDatabase() {
        Management.given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("SmallRye Reactive Messaging - readiness check"))
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"));
        Management.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsAndOpenApiAreServed() {
        Management.given().get("/q/metrics").then().statusCode(200).body(containsString("journeyline_outbox_published_total"));
        Management.given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/v1/events"))
                .body("paths", hasKey("/api/v1/customers/{customerId}/timeline"));
    }

    @Test
    void nothingUnderQIsServedOnThePublicPort() {
        for (String path : new String[]{"/q/health", "/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi"}) {
            given().get(path).then().statusCode(404);
        }
    }
}
