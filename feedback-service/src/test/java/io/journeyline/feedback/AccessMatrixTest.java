package io.journeyline.feedback;

import io.journeyline.testing.AccessMatrix;
import io.journeyline.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

import static io.journeyline.testing.Access.AGENT;
import static io.journeyline.testing.Access.INGEST;
import static io.journeyline.testing.Access.SUPERVISOR;

/**
 * feedback-service's operations and who may call them (ARCHITECTURE.md, widened only where its README says so). Which
 * case an agent may work (their own, an unassigned one) is CaseRights' word, tested in CaseRightsApiTest.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AccessMatrixTest extends AccessMatrix {

    @Override
    protected List<Row> table() {
        return withPlatformRows(
                row("POST /api/v1/feedback", INGEST.and(AGENT, "README: systems and staff record feedback")),
                row("GET /api/v1/feedback/{id}", AGENT),
                row("GET /api/v1/cases", AGENT),
                row("GET /api/v1/cases/{caseId}", AGENT),
                row("GET /api/v1/customers/{customerId}/cases", AGENT),
                row("POST /api/v1/cases/{caseId}/acknowledge", AGENT),
                row("POST /api/v1/cases/{caseId}/assign", AGENT),
                row("POST /api/v1/cases/{caseId}/notes", AGENT),
                row("POST /api/v1/cases/{caseId}/wait-on-customer", AGENT),
                row("POST /api/v1/cases/{caseId}/resume", AGENT),
                row("POST /api/v1/cases/{caseId}/resolve", AGENT),
                row("POST /api/v1/cases/{caseId}/callback", AGENT),
                row("POST /api/v1/cases/{caseId}/escalate", SUPERVISOR),
                row("GET /api/v1/analytics/cases", SUPERVISOR));
    }
}
