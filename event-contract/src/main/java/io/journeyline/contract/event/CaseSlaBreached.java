package io.journeyline.contract.event;

import io.journeyline.contract.vocabulary.*;

import java.time.OffsetDateTime;

/** {@code io.journeyline.case.sla-breached}: a case clock ran out. */
public record CaseSlaBreached(
        String customerId,
        String caseId,
        CaseStatus status,
        SlaClock clock,
        OffsetDateTime dueAt) implements JourneyEvent {
}
