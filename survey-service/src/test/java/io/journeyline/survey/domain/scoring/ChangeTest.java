package io.journeyline.survey.domain.scoring;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** DOMAIN.md's worked examples: percentage points and relative change are different things. */
class ChangeTest {

    @Test
    void eightyToNinetyFivePercentIsFifteenPointsButEighteenPointSevenFivePercentRelative() {
        Change change = Change.between(new Score("percent-satisfied", "percent", 100, 80, null),
                new Score("percent-satisfied", "percent", 100, 95, null));
        assertThat(change.absolute()).isCloseTo(15, within(1e-9));
        assertThat(change.absoluteUnit()).isEqualTo("percentage points");
        assertThat(change.relativePercent()).isCloseTo(18.75, within(1e-9));
    }

    @Test
    void aMeanFromThreePointEightToFourPointSixIsTwentyOnePointZeroFivePercentRelative() {
        Change change = Change.between(new Score("mean", "1-5", 10, 3.8, null), new Score("mean", "1-5", 10, 4.6, null));
        assertThat(change.absolute()).isCloseTo(0.8, within(1e-9));
        assertThat(change.absoluteUnit()).isEqualTo("scale points");
        assertThat(change.relativePercent()).isCloseTo(21.05, within(0.005));
    }

    @Test
    void fromZeroThereIsNoRelativeChange() {
        Change change = Change.between(new Score("nps", "points (-100..100)", 10, 0, null),
                new Score("nps", "points (-100..100)", 10, 20, null));
        assertThat(change.absoluteUnit()).isEqualTo("NPS points");
        assertThat(change.relativePercent()).isNull();
    }
}
