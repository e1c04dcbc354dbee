package io.journeyline.sentiment;

/**
 * A text's sentiment.
 *
 * @param score    from -1 (most negative) through 0 (neutral, or nothing the lexicons know) to 1 (most positive):
 *                 VADER's "compound" score, rounded to three decimals
 * @param language the scorer that read the text: {@code en}, {@code zh}, or {@code und} for text without letters
 */
public record Sentiment(double score, String language) {

    public static final Sentiment NONE = new Sentiment(0, "und");
}
