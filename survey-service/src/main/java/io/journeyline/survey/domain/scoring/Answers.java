package io.journeyline.survey.domain.scoring;

/**
 * The sufficient statistics of a set of answers to one rating item — all that any score and interval needs, so they
 * can be summed in SQL over millions of responses and merged across groups.
 *
 * @param n          answers
 * @param sum        their sum
 * @param sumSquares the sum of their squares
 * @param top        answers in the item's top box: NPS promoters (9–10), CSAT satisfied (4–5); 0 for other scales
 * @param bottom     answers in the bottom box: NPS detractors (0–6); 0 for other scales
 */
public record Answers(long n, double sum, double sumSquares, long top, long bottom) {

    public static final Answers NONE = new Answers(0, 0, 0, 0, 0);

    /** The statistics of single answers on a scale (tests, small sets); large sets come summed from the database. */
    public static Answers of(RatingScale scale, double... scores) {
        Answers answers = NONE;
        for (double score : scores) {
            answers = answers.plus(new Answers(1, score, score * score, scale.isTop(score) ? 1 : 0,
                    scale.isBottom(score) ? 1 : 0));
        }
        return answers;
    }

    public Answers plus(Answers other) {
        return new Answers(n + other.n, sum + other.sum, sumSquares + other.sumSquares, top + other.top,
                bottom + other.bottom);
    }

    public double mean() {
        return sum / n;
    }

    /** The sample variance (n − 1 in the denominator); NaN below two answers. */
    public double variance() {
        if (n < 2) {
            return Double.NaN;
        }
        return Math.max(0, (sumSquares - sum * sum / n) / (n - 1));
    }
}
