package io.journeyline.platform.privacy;

import io.journeyline.platform.privacy.ErasureStatements.Statement;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ErasureStatementsTest {
    @Test
    void theParametersAStatementUsesAreNumberedWithoutGaps() {
        Statement statement = Statement.of("cases", "insert into h select id, ?3 from cases where customer_id = ?1");
        assertThat(statement.sql()).isEqualTo("insert into h select id, ?2 from cases where customer_id = ?1");
        assertThat(statement.uses()).containsExactly(1, 3);
        assertThat(Statement.of("t", "update t set c = ?2 where c = ?1 or d = ?1").uses()).containsExactly(1, 2);
        assertThat(Statement.of("t", "delete from t where c = ?1").sql()).isEqualTo("delete from t where c = ?1");
    }

    @Test
    void aStandInLeadsNowhere() {
        assertThat(List.of(Erasure.standIn(), Erasure.standIn())).doesNotHaveDuplicates().allMatch(id -> id.startsWith("erased-"));
    }
}
