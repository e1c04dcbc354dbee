package io.journeyline.survey;

import io.journeyline.testing.AccessMatrix;
import io.journeyline.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

import static io.journeyline.testing.Access.ADMIN;
import static io.journeyline.testing.Access.AGENT;
import static io.journeyline.testing.Access.INGEST;
import static io.journeyline.testing.Access.PUBLIC;
import static io.journeyline.testing.Access.SUPERVISOR;

/** survey-service's operations and who may call them (ARCHITECTURE.md, widened only where its README says so). */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AccessMatrixTest extends AccessMatrix {
    private static final String READ = "survey-service lets the staff who read customers read surveys and what they "
            + "answered; neither ARCHITECTURE.md nor the README says so";

    @Override
    protected List<Row> table() {
        return withPlatformRows(
                row("GET /api/v1/responses/{token}", PUBLIC),
                row("POST /api/v1/responses/{token}", PUBLIC),
                row("POST /api/v1/surveys", ADMIN),
                row("GET /api/v1/surveys", ADMIN.and(AGENT, READ)),
                row("GET /api/v1/surveys/{surveyId}", ADMIN.and(AGENT, READ)),
                row("PUT /api/v1/surveys/{surveyId}", ADMIN),
                row("POST /api/v1/surveys/{surveyId}/waves", ADMIN),
                row("POST /api/v1/surveys/{surveyId}/responses", INGEST),
                row("GET /api/v1/surveys/{surveyId}/responses", AGENT.and(ADMIN, READ)),
                row("GET /api/v1/surveys/{surveyId}/responses/{responseId}", AGENT.and(ADMIN, READ)),
                row("GET /api/v1/customers/{customerId}/invitations", AGENT.and(ADMIN, READ)),
                row("GET /api/v1/customers/{customerId}/responses", AGENT.and(ADMIN, READ)),
                row("GET /api/v1/surveys/{surveyId}/results", SUPERVISOR.and(ADMIN, "README: results (supervisor, admin)")),
                row("GET /api/v1/results", SUPERVISOR.and(ADMIN, "README: results (supervisor, admin)")));
    }
}
