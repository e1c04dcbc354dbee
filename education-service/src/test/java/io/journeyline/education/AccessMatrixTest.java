package io.journeyline.education;

import io.journeyline.testing.AccessMatrix;
import io.journeyline.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

import static io.journeyline.testing.Access.ADMIN;
import static io.journeyline.testing.Access.AGENT;
import static io.journeyline.testing.Access.INGEST;
import static io.journeyline.testing.Access.SUPERVISOR;

/** education-service's operations and who may call them (ARCHITECTURE.md, widened only where its README says so). */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AccessMatrixTest extends AccessMatrix {
    private static final String README = "README: admins also read what agents read";

    @Override
    protected List<Row> table() {
        return withPlatformRows(
                row("POST /api/v1/contents", ADMIN),
                row("GET /api/v1/contents", AGENT.and(ADMIN, README)),
                row("GET /api/v1/contents/{id}", AGENT.and(ADMIN, README)),
                row("PUT /api/v1/contents/{id}", ADMIN),
                row("GET /api/v1/contents/review", SUPERVISOR.and(ADMIN, "README: content review")),
                row("POST /api/v1/contents/{id}/reviewed", ADMIN),
                row("POST /api/v1/paths", ADMIN),
                row("GET /api/v1/paths", AGENT.and(ADMIN, README)),
                row("GET /api/v1/paths/{id}", AGENT.and(ADMIN, README)),
                row("PUT /api/v1/paths/{id}", ADMIN),
                row("POST /api/v1/customers/{customerId}/assignments", AGENT.and(ADMIN, README)),
                row("GET /api/v1/customers/{customerId}/assignments", AGENT.and(ADMIN, README)),
                row("GET /api/v1/assignments/{id}", AGENT.and(ADMIN, README)),
                row("POST /api/v1/assignments/{id}/progress", INGEST),
                row("GET /api/v1/customers/{customerId}/learner", AGENT.and(ADMIN, README)),
                row("PUT /api/v1/customers/{customerId}/learner",
                        AGENT.and(ADMIN, README).and(INGEST, "README: a CRM sets the language and channel")),
                row("GET /api/v1/analytics/completion", SUPERVISOR.and(ADMIN, "docs/console.md: dashboards")));
    }
}
