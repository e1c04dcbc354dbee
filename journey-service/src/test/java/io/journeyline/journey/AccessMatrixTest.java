package io.journeyline.journey;

import io.journeyline.testing.AccessMatrix;
import io.journeyline.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

import static io.journeyline.testing.Access.ADMIN;
import static io.journeyline.testing.Access.AGENT;
import static io.journeyline.testing.Access.INGEST;
import static io.journeyline.testing.Access.PRIVACY;
import static io.journeyline.testing.Access.SUPERVISOR;

/** journey-service's operations and who may call them (ARCHITECTURE.md, widened only where its README says so). */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AccessMatrixTest extends AccessMatrix {
    private static final String DASHBOARDS = "docs/console.md: dashboards are for supervisors and admins";

    @Override
    protected List<Row> table() {
        return withPlatformRows(
                row("POST /api/v1/events", INGEST),
                row("GET /api/v1/customers", AGENT),
                row("GET /api/v1/customers/{customerId}/timeline", AGENT),
                row("GET /api/v1/customers/{customerId}/journey", AGENT),
                row("GET /api/v1/customers/{customerId}/consents", AGENT),
                row("PUT /api/v1/customers/{customerId}/consents", AGENT.and("README: change also admin", "admin")),
                row("GET /api/v1/customers/{customerId}/decisions",
                        AGENT.and(PRIVACY, "README, docs/privacy.md: why was I contacted")),
                row("GET /api/v1/identity-reviews", SUPERVISOR.and(ADMIN, "README: identity reviews")),
                row("GET /api/v1/customers/{customerId}/pain-points", AGENT),
                row("GET /api/v1/pain-points", AGENT),
                row("GET /api/v1/pain-points/{id}", AGENT),
                row("POST /api/v1/pain-points/{id}/acknowledge", AGENT),
                row("POST /api/v1/pain-points/{id}/dismiss", AGENT),
                row("GET /api/v1/rules", ADMIN),
                row("PUT /api/v1/rules", ADMIN),
                row("POST /api/v1/rules/validate", ADMIN),
                row("POST /api/v1/rules/backtests", ADMIN),
                row("GET /api/v1/rules/backtests/{id}", ADMIN),
                row("POST /api/v1/rules/backtests/{id}/cancel", ADMIN),
                row("GET /api/v1/analytics/touchpoints", SUPERVISOR.and(ADMIN, DASHBOARDS)),
                row("GET /api/v1/analytics/funnel", SUPERVISOR.and(ADMIN, DASHBOARDS)),
                row("GET /api/v1/analytics/rules", SUPERVISOR.and(ADMIN, DASHBOARDS)),
                row("GET /api/v1/analytics/education-effect", SUPERVISOR.and(ADMIN, DASHBOARDS)),
                row("POST /api/v1/privacy/erasures", PRIVACY),
                row("GET /api/v1/privacy/erasures/{id}", PRIVACY),
                row("GET /api/v1/privacy/customers/{customerId}/export", PRIVACY),
                row("POST /api/v1/privacy/customers/{customerId}/exports", PRIVACY),
                row("GET /api/v1/privacy/exports/{id}", PRIVACY),
                row("GET /api/v1/privacy/exports/{id}/document", PRIVACY));
    }
}
