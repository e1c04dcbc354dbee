package io.journeyline.contract.event;

import java.time.OffsetDateTime;

/** {@code io.journeyline.case.sla-breached}: a case clock ran out. */
public record CaseSlaBreached(
        String customerId,
        String caseId,
        String status,
        String clock,
        OffsetDateTime dueAt) implements JourneyEvent {
}
