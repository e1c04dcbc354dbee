package io.journeyline.console.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HeatMapTest {
    private static Map<String, Object> share(long count, long n) {
        return Map.of("count", count, "n", n, "percent", 100.0 * count / n);
    }

    @Test
    void aRowPerTouchpointAColumnPerChannelInTheContractsOrder() {
        List<Object> items = List.of(
                Map.of("touchpoint", "home", "painPointRate", share(7, 300), "channels", List.of(
                        Map.of("channel", "web", "painPointRate", share(7, 300)),
                        Map.of("channel", "app", "painPointRate", share(4, 103)))),
                Map.of("touchpoint", "hotline", "painPointRate", share(26, 26), "channels", List.of(
                        Map.of("channel", "phone", "painPointRate", share(26, 26)))));
        HeatMap heat = HeatMap.of(items, "painPointRate");
        assertThat(heat.channels()).containsExactly("web", "app", "phone");
        assertThat(heat.columns()).isEqualTo(5);
        HeatMap.Row home = heat.rows().get(0);
        assertThat(home.touchpoint()).isEqualTo("home");
        assertThat(home.cells().get(0).level()).isEqualTo("h1");      // 2.3 %
        assertThat(home.cells().get(1).level()).isEqualTo("h1");      // 3.9 %
        assertThat(home.cells().get(2)).isNull();                      // not used on the phone
        assertThat(home.all().share()).containsEntry("count", 7L);
        HeatMap.Row hotline = heat.rows().get(1);
        assertThat(hotline.cells().get(0)).isNull();
        assertThat(hotline.cells().get(2).level()).isEqualTo("h4");   // 100 %
        assertThat(hotline.cells().get(2).percent()).isEqualTo(100.0);
    }

    @Test
    void levelsByBound() {
        assertThat(HeatMap.level(0.0)).isEqualTo("h0");
        assertThat(HeatMap.level(0.1)).isEqualTo("h1");
        assertThat(HeatMap.level(4.99)).isEqualTo("h1");
        assertThat(HeatMap.level(5.0)).isEqualTo("h2");
        assertThat(HeatMap.level(10.0)).isEqualTo("h3");
        assertThat(HeatMap.level(19.9)).isEqualTo("h3");
        assertThat(HeatMap.level(20.0)).isEqualTo("h4");
        assertThat(HeatMap.level(null)).isEqualTo("h-none");
    }

    @Test
    void aChannelOutsideTheContractComesLast() {
        HeatMap heat = HeatMap.of(List.of(Map.of("touchpoint", "x", "channels", List.of(
                Map.of("channel", "kiosk"), Map.of("channel", "app")))), "failureRate");
        assertThat(heat.channels()).containsExactly("app", "kiosk");
        assertThat(heat.rows().get(0).cells().get(0).level()).isEqualTo("h-none");   // no figure
    }
}
