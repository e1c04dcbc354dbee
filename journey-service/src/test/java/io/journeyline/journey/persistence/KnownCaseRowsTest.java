package io.journeyline.journey.persistence;

import io.journeyline.journey.persistence.KnownCaseRepository.CaseStatusRow;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A case's events arriving in one batch: the newest status wins, what only the opening told is kept. */
class KnownCaseRowsTest {
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-03T08:00:00Z");

    @Test
    void aCaseOpenedAndClosedInOneBatchKeepsThePainPointItAnswers() {
        // what CI's LocalStackIT saw: a lagging journey-service got case.opened .. case.closed in one poll
        List<CaseStatusRow> batch = List.of(
                new CaseStatusRow("k-1", "c-1", "billing", "RECEIVED", T0, "pp-1"),
                new CaseStatusRow("k-1", "c-1", null, "ACKNOWLEDGED", T0.plusSeconds(1), null),
                new CaseStatusRow("k-1", "c-1", null, "CLOSED", T0.plusSeconds(3), null),
                new CaseStatusRow("k-1", "c-1", null, "FOLLOW_UP", T0.plusSeconds(2), null));

        assertThat(KnownCaseRepository.latestPerCase(batch)).containsExactly(
                new CaseStatusRow("k-1", "c-1", "billing", "CLOSED", T0.plusSeconds(3), "pp-1"));
    }

    @Test
    void casesStayApartAndComeInCaseIdOrder() {
        List<CaseStatusRow> batch = List.of(
                new CaseStatusRow("k-2", "c-2", null, "CLOSED", T0.plusSeconds(5), null),
                new CaseStatusRow("k-1", "c-1", "delivery", "RECEIVED", T0, null));

        assertThat(KnownCaseRepository.latestPerCase(batch)).extracting(CaseStatusRow::caseId, CaseStatusRow::status,
                CaseStatusRow::topic).containsExactly(
                org.assertj.core.groups.Tuple.tuple("k-1", "RECEIVED", "delivery"),
                org.assertj.core.groups.Tuple.tuple("k-2", "CLOSED", null));
    }
}
