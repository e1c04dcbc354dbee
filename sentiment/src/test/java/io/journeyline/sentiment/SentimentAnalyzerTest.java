package io.journeyline.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SentimentAnalyzerTest {

    private final SentimentAnalyzer analyzer = SentimentAnalyzer.shared();

    /**
     * The compound scores printed in VADER's own README (github.com/cjhutto/vaderSentiment, "Demo"). The Java port
     * differs from it on two of the README's examples ("Not bad at all": -0.542 here, 0.431 there; "Today only kinda
     * sux! But I'll get by, lol": 0.223 here, 0.5249 there), which this module's README lists as known weaknesses.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            VADER is smart, handsome, and funny.                | 0.8316
            VADER is smart, handsome, and funny!                | 0.8439
            VADER is very smart, handsome, and funny.           | 0.8545
            VADER is VERY SMART, handsome, and FUNNY.           | 0.9227
            VADER is VERY SMART, handsome, and FUNNY!!!         | 0.9342
            The book was good.                                  | 0.4404
            The book was kind of good.                          | 0.3832
            Today SUX!                                          | -0.5461
            At least it isn't a horrible book.                  | 0.431
            """)
    void english_matches_vaders_published_examples(String text, double compound) {
        Sentiment sentiment = analyzer.analyze(text);
        assertThat(sentiment.language()).isEqualTo("en");
        assertThat(sentiment.score()).isCloseTo(compound, within(0.0015));
    }

    /**
     * Worked by hand with VADER's constants: a word is worth 1.6, a booster adds 0.293, a negation multiplies by
     * -0.74, each "!" adds 0.292 (at most four), "但是" halves what comes before and multiplies what follows by 1.5,
     * and the sum x becomes x / sqrt(x² + 15).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            满意                         |  0.382   | 1.6 / sqrt(2.56 + 15)
            不满意                       | -0.382   | HowNet lists 不满意 itself as negative
            非常失望                     | -0.439   | -(1.6 + 0.293) = -1.893; -1.893 / sqrt(3.583 + 15)
            服务太差了！！               | -0.539   | -1.893 - 2 × 0.292 = -2.477; -2.477 / sqrt(6.135 + 15)
            质量不错，但是服务很差       | -0.466   | 0.5 × 1.6 + 1.5 × -1.893 = -2.040; -2.040 / sqrt(4.160 + 15)
            没有帮助                     | -0.292   | 1.6 × -0.74 = -1.184; -1.184 / sqrt(1.402 + 15)
            """)
    void chinese_follows_vaders_rules_over_hownet(String text, double expected, String workedExample) {
        Sentiment sentiment = analyzer.analyze(text);
        assertThat(sentiment.language()).isEqualTo("zh");
        assertThat(sentiment.score()).as(workedExample).isCloseTo(expected, within(0.001));
    }

    @Test
    void function_words_that_hownet_lists_as_sentiment_do_not_colour_a_neutral_message() {
        assertThat(analyzer.analyze("我今天下午三点到，和客服说了地址").score()).isZero();
        assertThat(analyzer.analyze("服务很好").score()).isPositive();
        assertThat(analyzer.analyze("服务很差").score()).isNegative();
    }

    @Test
    void stronger_words_score_further_from_zero() {
        assertThat(analyzer.analyze("非常满意").score()).isGreaterThan(analyzer.analyze("满意").score());
        assertThat(analyzer.analyze("The app is terrible, I hate it").score())
                .isLessThan(analyzer.analyze("The app is a bit slow").score());
    }

    @Test
    void the_script_that_dominates_decides_the_language() {
        assertThat(analyzer.analyze("APP一直闪退，太让人失望了").language()).isEqualTo("zh");
        assertThat(analyzer.analyze("The Beijing store (北京) was great").language()).isEqualTo("en");
        assertThat(analyzer.analyze("10/10 !!!")).isEqualTo(Sentiment.NONE);
        assertThat(analyzer.analyze("   ")).isEqualTo(Sentiment.NONE);
        assertThat(analyzer.analyze(null)).isEqualTo(Sentiment.NONE);
    }
}
