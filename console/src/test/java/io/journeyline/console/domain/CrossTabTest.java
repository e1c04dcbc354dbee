package io.journeyline.console.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CrossTabTest {
    private static Map<String, Object> cell(String rootCause, String touchpoint, String category, long n) {
        Map<String, Object> cell = new HashMap<>();
        cell.put("rootCause", rootCause);
        cell.put("touchpoint", touchpoint);
        cell.put("category", category);
        cell.put("n", n);
        return cell;
    }

    @Test
    void countsAreSummedOverTheOtherDimensionLargestFirstUnknownLast() {
        List<Object> cells = new ArrayList<>(List.of(
                cell(null, "setup.start", null, 16),
                cell(null, null, "MISUNDERSTANDING", 16),
                cell("PROCESS", "setup.wifi", "OTHER", 3),
                cell("PROCESS", "setup.wifi", null, 2),
                cell("POLICY", "setup.start", null, 1)));
        CrossTab tab = CrossTab.of(cells, "rootCause", "touchpoint");
        assertThat(tab.columns()).containsExactly("setup.start", "setup.wifi", null);
        assertThat(tab.rows()).extracting(CrossTab.Row::key).containsExactly("PROCESS", "POLICY", null);
        assertThat(tab.rows().get(0).counts()).containsExactly(0L, 5L, 0L);
        assertThat(tab.rows().get(0).total()).isEqualTo(5);
        assertThat(tab.rows().get(2).counts()).containsExactly(16L, 0L, 16L);
        assertThat(tab.columnTotals()).containsExactly(17L, 5L, 16L);
        assertThat(tab.total()).isEqualTo(38);
    }

    @Test
    void nothingGivesAnEmptyTable() {
        CrossTab tab = CrossTab.of(List.of(), "rootCause", "touchpoint");
        assertThat(tab.rows()).isEmpty();
        assertThat(tab.total()).isZero();
    }
}
