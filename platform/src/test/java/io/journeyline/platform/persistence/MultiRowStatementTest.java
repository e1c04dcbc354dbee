package io.journeyline.platform.persistence;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The statement's text is the same for one row and for a thousand (what lets the prepared-statement caches serve it),
 * and values survive PostgreSQL's array syntax. That PostgreSQL reads them back unchanged is shown against the real
 * server by every repository test (ProcessedEventsTest, TimersTest, the services' tests).
 */
class MultiRowStatementTest {
    private static final String HEAD = "insert into t (a, b, c) select * from";

    @Test
    void theTextDoesNotDependOnTheNumberOfRows() {
        List<Object[]> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(new Object[]{"id-" + i, OffsetDateTime.parse("2026-12-05T12:00:00Z"), (long) i});
        }
        String one = MultiRowStatement.of(HEAD, "text, timestamptz, bigint", many.subList(0, 1), "on conflict do nothing").sql();

        assertThat(MultiRowStatement.of(HEAD, "text, timestamptz, bigint", many, "on conflict do nothing").sql())
                .isEqualTo(one)
                .isEqualTo("insert into t (a, b, c) select * from unnest(cast(cast(?1 as text) as text[]), "
                        + "cast(cast(?2 as text) as timestamptz[]), cast(cast(?3 as text) as bigint[])) on conflict do nothing");
    }

    @Test
    void quotesBackslashesNullsAndTheWordNullSurviveTheArraySyntax() {
        List<Object[]> rows = List.of(new Object[]{"say \"hi\"", null}, new Object[]{"C:\\dir", "NULL"},
                new Object[]{"", "{a,b}"});
        MultiRowStatement statement = MultiRowStatement.of(HEAD, "text, text", rows, "");

        assertThat(statement.arrayText(0)).isEqualTo("{\"say \\\"hi\\\"\",\"C:\\\\dir\",\"\"}");
        assertThat(statement.arrayText(1)).isEqualTo("{NULL,\"NULL\",\"{a,b}\"}");
        assertThat(SqlArrays.of(Arrays.asList(1L, null, 3L))).isEqualTo("{\"1\",NULL,\"3\"}");
    }

    @Test
    void anInstantGoesAsTheReactiveClientSendsABoundOneCutToWholeMicroseconds() {
        // PostgreSQL keeps microseconds and would round "…12.999223999Z" up; the client's binary encoding cuts it
        assertThat(SqlArrays.of(List.of(OffsetDateTime.parse("2026-12-10T17:09:12.999223999Z"),
                java.time.Instant.parse("2026-12-10T17:09:12.000000500Z"))))
                .isEqualTo("{\"2026-12-10T17:09:12.999223Z\",\"2026-12-10T17:09:12Z\"}");
    }

    @Test
    void aRowOfTheWrongWidthIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> MultiRowStatement.of(HEAD, "text, text", List.<Object[]>of(new Object[]{"a"}), ""))
                .hasMessageContaining("a row of 1 values for 2 columns");
    }
}
