package io.journeyline.testing;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.net.URI;

/**
 * The running service's management interface, where {@code /q/*} (health, metrics, OpenAPI) is served — not the
 * public port REST Assured talks to by default: {@code Management.given().get("/q/health/ready")}.
 */
public final class Management {
    private Management() {
    }

    /** A REST Assured request to the management port (the test's free one). */
    public static RequestSpecification given() {
        URI uri = URI.create(TestHTTPResourceManager.getManagementUri());
        return RestAssured.given().baseUri(uri.getScheme() + "://" + uri.getHost()).port(uri.getPort());
    }
}
