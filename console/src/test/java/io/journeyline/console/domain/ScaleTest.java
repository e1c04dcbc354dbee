package io.journeyline.console.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Known answers worked out by hand. */
class ScaleTest {
    @Test
    void theMiddleValueFallsOnTheMiddlePixelAndTheEndsOnTheEnds() {
        Scale scale = new Scale(-10, 10, 0, 200);
        assertThat(scale.at(0)).isEqualTo(100);
        assertThat(scale.at(-10)).isEqualTo(0);
        assertThat(scale.at(10)).isEqualTo(200);
        assertThat(scale.at(5)).isEqualTo(150);
    }

    @Test
    void aVerticalAxisGrowsUpwards() {
        // values 0..100 drawn from y = 210 (bottom) to y = 10 (top): 50 is at 110, 75 at 60
        Scale scale = new Scale(0, 100, 210, 10);
        assertThat(scale.at(50)).isEqualTo(110);
        assertThat(scale.at(75)).isEqualTo(60);
    }

    @Test
    void aValueOffTheScaleIsDrawnAtItsEdge() {
        Scale scale = new Scale(1, 7, 100, 400);
        assertThat(scale.clamped(-5.6)).isEqualTo(100);
        assertThat(scale.clamped(11.6)).isEqualTo(400);
        assertThat(scale.clamped(4)).isEqualTo(250);
    }

    @Test
    void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(Scale.step(11.1, 5)).isEqualTo(2);     // 2.22 → 2
        assertThat(Scale.step(20, 5)).isEqualTo(5);       // 4 → 5
        assertThat(Scale.step(100, 4)).isEqualTo(20, within(1e-12));  // 25 → 20
        assertThat(Scale.step(1.2, 6)).isEqualTo(0.2, within(1e-12)); // 0.2 → 0.2
        assertThat(Scale.step(1000, 10)).isEqualTo(100);  // 100 → 100
    }

    @Test
    void aNiceRangeWidensToMultiplesOfTheStepAndTicksFallOnThem() {
        Scale scale = Scale.nice(-3.2, 7.9, 0, 100, 5);
        assertThat(scale.min()).isEqualTo(-4);
        assertThat(scale.max()).isEqualTo(8);
        assertThat(scale.ticks(5)).containsExactly(-4.0, -2.0, 0.0, 2.0, 4.0, 6.0, 8.0);
    }

    @Test
    void ticksOfDecimalsCarryNoRoundingNoise() {
        Scale scale = Scale.nice(0.05, 0.66, 0, 100, 6);
        assertThat(scale.min()).isEqualTo(0);
        assertThat(scale.max()).isEqualTo(0.7);
        assertThat(scale.ticks(6)).containsExactly(0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7);
    }

    @Test
    void aSingleValueGetsOneUnitEitherSide() {
        Scale scale = Scale.nice(0, 0, 0, 100, 6);
        assertThat(scale.min()).isEqualTo(-1);
        assertThat(scale.max()).isEqualTo(1);
    }

    @Test
    void anEmptyRangeIsRefused() {
        assertThatThrownBy(() -> new Scale(3, 3, 0, 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void labelsHaveNoTrailingZerosAndATrueMinus() {
        assertThat(Scale.label(-25.0)).isEqualTo("−25");
        assertThat(Scale.label(0.5)).isEqualTo("0.5");
        assertThat(Scale.label(100.0)).isEqualTo("100");
        assertThat(Scale.label(0.0)).isEqualTo("0");
    }
}
