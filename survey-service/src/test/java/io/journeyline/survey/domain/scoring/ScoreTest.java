package io.journeyline.survey.domain.scoring;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Headline scores against DOMAIN.md's fixtures, and their 95 % intervals against values worked by hand from the
 * textbook formulas in each comment (z = 1.959964, t quantiles from a t table), not from the code under test.
 */
class ScoreTest {
    private static final double NINETY_FIVE = 0.95;

    @Test
    void npsOfTheDomainFixtureIsZero() {
        // [10, 9, 8, 7, 6, 0]: promoters 2, detractors 2 of 6 → 33.3 % − 33.3 % = 0.
        // Var = (pP + pD − (pP − pD)²) / n = (2/3 − 0) / 6 = 0.1111; SE = 33.33 points; ± 1.959964 × 33.33 = ± 65.33.
        Score nps = Score.nps(Answers.of(RatingScale.NPS, 10, 9, 8, 7, 6, 0), NINETY_FIVE);
        assertThat(nps.value()).isEqualTo(0);
        assertThat(nps.n()).isEqualTo(6);
        assertThat(nps.unit()).isEqualTo("points (-100..100)");
        assertThat(nps.interval().lower()).isCloseTo(-65.33, within(0.01));
        assertThat(nps.interval().upper()).isCloseTo(65.33, within(0.01));
    }

    @Test
    void npsIntervalOfAHundredAnswers() {
        // 50 promoters, 30 passives, 20 detractors: NPS 30. Var = (0.5 + 0.2 − 0.3²) / 100 = 0.0061;
        // SE = 7.8102 points; ± 1.959964 × 7.8102 = ± 15.308 → [14.692, 45.308].
        Answers answers = new Answers(100, 0, 0, 50, 20);
        Score nps = Score.nps(answers, NINETY_FIVE);
        assertThat(nps.value()).isCloseTo(30, within(1e-9));
        assertThat(nps.interval().lower()).isCloseTo(14.692, within(0.001));
        assertThat(nps.interval().upper()).isCloseTo(45.308, within(0.001));
    }

    @Test
    void csatOfTheDomainFixture() {
        // [5, 4, 3, 2, 5]: 3 of 5 satisfied = 60 %; mean 3.8.
        // Wilson, p = 0.6, n = 5, z² = 3.8415: centre (0.6 + 0.38415) / 1.76829 = 0.55655,
        // half-width 1.959964 × √(0.048 + 0.038415) / 1.76829 = 0.32583 → [23.07 %, 88.24 %].
        // Mean: s² = (1.44 + 0.04 + 0.64 + 3.24 + 1.44) / 4 = 1.7, SE = √(1.7 / 5) = 0.58310,
        // t(4; 0.975) = 2.776445 → ± 1.61894 → [2.181, 5.419].
        Answers answers = Answers.of(RatingScale.CSAT, 5, 4, 3, 2, 5);
        Score satisfied = Score.percentSatisfied(answers, NINETY_FIVE);
        assertThat(satisfied.value()).isCloseTo(60, within(1e-9));
        assertThat(satisfied.unit()).isEqualTo("percent");
        assertThat(satisfied.interval().lower()).isCloseTo(23.07, within(0.01));
        assertThat(satisfied.interval().upper()).isCloseTo(88.24, within(0.01));
        assertThat(satisfied.interval().method()).isEqualTo("Wilson score");

        Score mean = Score.mean(RatingScale.CSAT, answers, NINETY_FIVE);
        assertThat(mean.value()).isCloseTo(3.8, within(1e-9));
        assertThat(mean.interval().lower()).isCloseTo(2.181, within(0.001));
        assertThat(mean.interval().upper()).isCloseTo(5.419, within(0.001));
    }

    @Test
    void wilsonIntervalOfSixtyInAHundred() {
        // The textbook case: 60 of 100 → [50.20 %, 69.06 %] (Wilson 1927; e.g. Newcombe 1998, table I's method 3).
        Score satisfied = Score.percentSatisfied(new Answers(100, 0, 0, 60, 0), NINETY_FIVE);
        assertThat(satisfied.interval().lower()).isCloseTo(50.20, within(0.01));
        assertThat(satisfied.interval().upper()).isCloseTo(69.06, within(0.01));
    }

    @Test
    void cesOfTheDomainFixture() {
        // [7, 6, 2]: mean 5.0; s² = (4 + 1 + 9) / 2 = 7, SE = √(7 / 3) = 1.52753, t(2; 0.975) = 4.302653
        // → ± 6.5724 → [−1.572, 11.572]: three answers say little, and the interval shows it.
        Score ces = Score.headline(RatingScale.CES, Answers.of(RatingScale.CES, 7, 6, 2), NINETY_FIVE);
        assertThat(ces.measure()).isEqualTo("mean");
        assertThat(ces.unit()).isEqualTo("1-7");
        assertThat(ces.value()).isCloseTo(5.0, within(1e-9));
        assertThat(ces.interval().lower()).isCloseTo(-1.572, within(0.001));
        assertThat(ces.interval().upper()).isCloseTo(11.572, within(0.001));
    }

    @Test
    void oneAnswerHasNoInterval() {
        assertThat(Score.headline(RatingScale.NPS, Answers.of(RatingScale.NPS, 9), NINETY_FIVE).interval()).isNull();
        assertThat(Score.headline(RatingScale.CSAT, Answers.of(RatingScale.CSAT, 4), NINETY_FIVE).interval()).isNull();
    }

    @Test
    void answersMergeAcrossGroups() {
        Answers left = Answers.of(RatingScale.NPS, 10, 9, 8);
        Answers right = Answers.of(RatingScale.NPS, 7, 6, 0);
        assertThat(left.plus(right)).isEqualTo(Answers.of(RatingScale.NPS, 10, 9, 8, 7, 6, 0));
    }
}
