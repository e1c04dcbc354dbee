package io.journeyline.journey.domain.analytics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ArmComparisonTest {

    @Test
    void ratesMatchNewcombesPublishedExample() {
        // Newcombe, "Interval estimation for the difference between independent proportions: comparison of eleven
        // methods", Statistics in Medicine 17 (1998) 873–890, Table II, example (a): 56/70 − 48/80 = 0.2000, method 10
        // (hybrid score) 0.0524 to 0.3339. The z-test worked by hand: pooled p = 104/150 = 0.69333,
        // SE = √(0.69333 · 0.30667 · (1/70 + 1/80)) = 0.075467, z = 0.2 / 0.075467 = 2.6502, two-sided p = 0.00805.
        var rates = ArmComparison.rates(56, 70, 48, 80, 30);
        assertThat(rates.status()).isEqualTo("ok");
        assertThat(rates.treatedPercent()).isEqualTo(80.0);
        assertThat(rates.heldOutPercent()).isEqualTo(60.0);
        assertThat(rates.differencePp()).isCloseTo(20.0, within(1e-9));
        assertThat(rates.lower95Pp()).isCloseTo(5.24, within(0.005));
        assertThat(rates.upper95Pp()).isCloseTo(33.39, within(0.005));
        assertThat(rates.z()).isCloseTo(2.6502, within(0.0001));
        assertThat(rates.pValue()).isCloseTo(0.00805, within(0.00001));
        assertThat(rates.relativePercent()).as("+20 pp on 60 % is +33.3 % relative").isCloseTo(33.333, within(0.001));
    }

    @Test
    void newcombesSecondExampleNearTheBoundary() {
        // the same table, example (b): 9/10 − 3/10 = 0.6000, method 10: 0.1705 to 0.8090
        var rates = ArmComparison.rates(9, 10, 3, 10, 10);
        assertThat(rates.lower95Pp()).isCloseTo(17.05, within(0.005));
        assertThat(rates.upper95Pp()).isCloseTo(80.90, within(0.005));
    }

    @Test
    void belowTheMinimumNTheFiguresAreWithheldButTheNsShown() {
        var rates = ArmComparison.rates(5, 100, 2, 9, 30);
        assertThat(rates.status()).isEqualTo("not-enough-data");
        assertThat(rates.heldOutN()).isEqualTo(9);
        assertThat(rates.differencePp()).isNull();
        assertThat(rates.pValue()).isNull();
    }

    @Test
    void meansMatchWelchsPublishedExample() {
        // Wikipedia, "Welch's t-test", example 1 (two samples of 15 with unequal variances): t = −2.46, ν = 24.99,
        // p = 0.021; values to more digits from SciPy 1.17, ttest_ind(a, b, equal_var=False): t = −2.455356,
        // ν = 24.98853, p = 0.021378, 95 % interval of the difference −3.984096 to −0.349237.
        List<Double> a = List.of(27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4);
        List<Double> b = List.of(27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4);
        var means = ArmComparison.means(ArmComparison.Summary.of(a), ArmComparison.Summary.of(b), "points", 10);
        assertThat(means.status()).isEqualTo("ok");
        assertThat(means.difference()).isCloseTo(-2.166667, within(1e-6));
        assertThat(means.t()).isCloseTo(-2.455356, within(1e-6));
        assertThat(means.degreesOfFreedom()).isCloseTo(24.98853, within(1e-5));
        assertThat(means.pValue()).isCloseTo(0.021378, within(1e-6));
        assertThat(means.lower95()).isCloseTo(-3.984096, within(1e-6));
        assertThat(means.upper95()).isCloseTo(-0.349237, within(1e-6));
    }

    @Test
    void aSummaryIsTheSampleMeanAndVariance() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sum of squared deviations 32, sample variance 32/7
        var summary = ArmComparison.Summary.of(List.of(2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0));
        assertThat(summary.mean()).isEqualTo(5.0);
        assertThat(summary.variance()).isCloseTo(32.0 / 7, within(1e-12));
    }
}
