package io.journeyline.contract.event;

import io.journeyline.contract.vocabulary.CaseStatus;
import io.journeyline.contract.vocabulary.Priority;

/** {@code io.journeyline.case.escalated}: a supervisor's queue takes the case, at a (possibly raised) priority. */
public record CaseEscalated(
        String customerId,
        String caseId,
        CaseStatus status,
        Priority priority,
        String reason) implements JourneyEvent {
}
