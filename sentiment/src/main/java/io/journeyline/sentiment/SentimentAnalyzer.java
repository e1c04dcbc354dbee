package io.journeyline.sentiment;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Scores free text in English or Chinese on one scale, [-1, 1].
 *
 * <ul>
 *   <li>English: VADER (Hutto and Gilbert, ICWSM 2014) through its Java port, which carries VADER's published
 *       lexicon of 7,517 rated words and its rules for negation, intensifiers, "but", capitals and exclamations.</li>
 *   <li>Chinese: {@link ChineseScorer}, HowNet's published sentiment word lists scored with VADER's rules and
 *       normalisation, so a Chinese comment and an English one land on the same scale.</li>
 * </ul>
 *
 * <p>A text is read as Chinese when Han characters make up at least a third of its letters (a Han character
 * carries about as much as a short English word), otherwise as English. The lexicons load once per JVM;
 * {@link #analyze} is thread-safe.
 */
public final class SentimentAnalyzer {

    private static final SentimentAnalyzer SHARED = new SentimentAnalyzer(ChineseScorer.load());

    private final ChineseScorer chinese;

    private SentimentAnalyzer(ChineseScorer chinese) {
        this.chinese = chinese;
    }

    /** The analyzer with the bundled lexicons, loaded on first use. */
    public static SentimentAnalyzer shared() {
        return SHARED;
    }

    public Sentiment analyze(String text) {
        if (text == null || text.isBlank()) {
            return Sentiment.NONE;
        }
        int han = 0;
        int letters = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (Character.isLetter(codePoint)) {
                letters++;
                if (Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN) {
                    han++;
                }
            }
            i += Character.charCount(codePoint);
        }
        if (letters == 0) {
            return Sentiment.NONE;
        }
        boolean isChinese = han * 3 >= letters;
        double score = isChinese ? chinese.score(text) : english(text);
        return new Sentiment(Math.round(score * 1000) / 1000.0, isChinese ? "zh" : "en");
    }

    private static double english(String text) {
        try {
            var vader = new com.vader.sentiment.analyzer.SentimentAnalyzer(text);
            vader.analyze();
            return vader.getPolarity().get("compound");
        } catch (IOException e) {
            throw new UncheckedIOException("VADER could not read its lexicon", e);
        }
    }
}
