package io.journeyline.sentiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Chinese sentiment: HowNet's sentiment word lists ("情感分析用词语集", HowNet 2007: 6,500 positive and 11,000
 * negative words, degree adverbs in four strengths, negations), as bundled by the npm package
 * {@code @cycjimmy/chinese-sentiment} 2.0.2, over Lucene's Chinese word segmentation (smartcn's hidden Markov
 * model), scored with VADER's rules so both languages share one scale. HowNet also lists function words such as
 * 到, 和 and 是 as sentiment words; a single character counts only where BosonNLP's published lexicon agrees on
 * its polarity (lexicons/derive.sh makes that list). Words HowNet lists as both positive and negative are left out.
 *
 * <ul>
 *   <li>each sentiment word is worth ±{@value #WORD_VALENCE}: HowNet rates no intensity, so every word gets the
 *       median absolute valence of VADER's English lexicon;</li>
 *   <li>a degree adverb among the three words before it adds VADER's booster step ({@value #BOOST}; "ish" words
 *       take it away), scaled down by distance as VADER does (1, 0.95, 0.9);</li>
 *   <li>a negation among the three words before it multiplies by VADER's {@value #NEGATION};</li>
 *   <li>in a sentence with a contrast ("但是", "可是", "不过", "然而" — VADER's "but"), words before it count half
 *       and words after it one and a half;</li>
 *   <li>exclamation marks add VADER's emphasis, the sum is normalised to [-1, 1] by VADER's {@code x / √(x² + 15)}.</li>
 * </ul>
 *
 * Words the segmenter splits are matched again by joining up to {@value #LONGEST_WORD} neighbouring tokens.
 */
final class ChineseScorer {

    static final double WORD_VALENCE = 1.6;
    static final double BOOST = 0.293;
    static final double NEGATION = -0.74;
    static final double EXCLAMATION = 0.292;
    static final int MAX_EXCLAMATIONS = 4;
    static final double NORMALISATION_ALPHA = 15;
    static final int SCOPE = 3;
    static final int LONGEST_WORD = 4;
    private static final double[] DISTANCE = {1.0, 0.95, 0.9};

    private static final Pattern SENTENCE = Pattern.compile("[。！？!?；;\\n]+");
    private static final Pattern CLAUSE = Pattern.compile("[，,、：:…~～\\s]+");
    private static final List<String> CONTRASTS = List.of("但是", "可是", "不过", "然而", "但");

    enum Kind { POSITIVE, NEGATIVE, BOOSTER, DAMPENER, NEGATION }

    private final Map<String, Kind> lexicon;

    private ChineseScorer(Map<String, Kind> lexicon) {
        this.lexicon = lexicon;
    }

    static ChineseScorer load() {
        try (InputStream in = ChineseScorer.class.getResourceAsStream("hownet.json")) {
            JsonNode hownet = new ObjectMapper().readTree(in).get("HOWNET");
            Map<String, Kind> lexicon = new HashMap<>();
            // Later lists win: degree adverbs, then sentiment words, then negations.
            list(hownet, "ish").forEach(w -> lexicon.put(w, Kind.DAMPENER));
            for (String degree : List.of("more", "very", "extreme")) {
                list(hownet, degree).forEach(w -> lexicon.put(w, Kind.BOOSTER));
            }
            Set<String> positive = list(hownet, "pos");
            Set<String> negative = list(hownet, "neg");
            Set<String> agreedCharacters = agreedSingleCharacters();
            positive.removeIf(w -> w.length() == 1 && !agreedCharacters.contains(w));
            negative.removeIf(w -> w.length() == 1 && !agreedCharacters.contains(w));
            positive.stream().filter(w -> !negative.contains(w)).forEach(w -> lexicon.put(w, Kind.POSITIVE));
            negative.stream().filter(w -> !positive.contains(w)).forEach(w -> lexicon.put(w, Kind.NEGATIVE));
            list(hownet, "deny").forEach(w -> lexicon.put(w, Kind.NEGATION));
            return new ChineseScorer(Map.copyOf(lexicon));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the HowNet lexicon", e);
        }
    }

    /** See lexicons/derive.sh: HowNet's single characters that BosonNLP's lexicon rates alike. */
    private static Set<String> agreedSingleCharacters() throws IOException {
        try (InputStream in = ChineseScorer.class.getResourceAsStream("hownet-single-characters.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank())
                    .collect(Collectors.toSet());
        }
    }

    private static Set<String> list(JsonNode hownet, String name) {
        Set<String> words = new HashSet<>();
        hownet.get(name).forEach(word -> {
            if (!word.asText().isBlank()) {
                words.add(word.asText().trim());
            }
        });
        return words;
    }

    double score(String text) {
        double sum = 0;
        for (String sentence : SENTENCE.split(text)) {
            sum += sentenceScore(sentence);
        }
        if (sum != 0) {
            long marks = text.chars().filter(c -> c == '!' || c == '！').count();
            sum += Math.signum(sum) * Math.min(marks, MAX_EXCLAMATIONS) * EXCLAMATION;
        }
        return sum / Math.sqrt(sum * sum + NORMALISATION_ALPHA);
    }

    private double sentenceScore(String sentence) {
        List<Double> valences = new ArrayList<>();
        int contrastAt = -1;
        for (String clause : CLAUSE.split(sentence)) {
            List<String> words = words(clause);
            for (int i = 0; i < words.size(); i++) {
                String word = words.get(i);
                if (contrastAt < 0 && CONTRASTS.contains(word)) {
                    contrastAt = valences.size();
                }
                Kind kind = lexicon.get(word);
                if (kind == Kind.POSITIVE || kind == Kind.NEGATIVE) {
                    valences.add(valence(words, i, kind));
                }
            }
        }
        double sum = 0;
        for (int i = 0; i < valences.size(); i++) {
            double weight = contrastAt < 0 ? 1 : i < contrastAt ? 0.5 : 1.5;
            sum += valences.get(i) * weight;
        }
        return sum;
    }

    private double valence(List<String> words, int at, Kind kind) {
        double sign = kind == Kind.POSITIVE ? 1 : -1;
        double valence = sign * WORD_VALENCE;
        boolean negated = false;
        for (int back = 1; back <= SCOPE && at - back >= 0; back++) {
            Kind before = lexicon.get(words.get(at - back));
            if (before == Kind.BOOSTER) {
                valence += sign * BOOST * DISTANCE[back - 1];
            } else if (before == Kind.DAMPENER) {
                valence -= sign * BOOST * DISTANCE[back - 1];
            } else if (before == Kind.NEGATION) {
                negated = true;
            }
        }
        return negated ? valence * NEGATION : valence;
    }

    /** The clause's words: the segmenter's tokens, neighbours joined where together they make a lexicon word. */
    List<String> words(String clause) {
        List<String> tokens = tokens(clause);
        List<String> words = new ArrayList<>(tokens.size());
        int i = 0;
        while (i < tokens.size()) {
            int taken = 1;
            for (int length = Math.min(LONGEST_WORD, tokens.size() - i); length > 1; length--) {
                if (lexicon.containsKey(String.join("", tokens.subList(i, i + length)))) {
                    taken = length;
                    break;
                }
            }
            words.add(String.join("", tokens.subList(i, i + taken)));
            i += taken;
        }
        return words;
    }

    private static List<String> tokens(String clause) {
        List<String> tokens = new ArrayList<>();
        try (Tokenizer tokenizer = new HMMChineseTokenizer()) {
            CharTermAttribute term = tokenizer.addAttribute(CharTermAttribute.class);
            tokenizer.setReader(new StringReader(clause));
            tokenizer.reset();
            while (tokenizer.incrementToken()) {
                tokens.add(term.toString());
            }
            tokenizer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }
}
