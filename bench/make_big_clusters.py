#!/usr/bin/python3
"""A corpus of stories reprinted hundreds of times, for checking that copies in
clusters larger than `reprint dedup --common-anchor` are still found.

  make_big_clusters.py --out DIR [--shared ../shared] [--all-edited]

The first 400 BBC articles: 40 of them get 200 copies each, the rest 0-5.
A copy is trimmed to 40-100 % of its words (six times in ten) and has 0-3 %
of its words replaced (1-3 % with --all-edited, which also leaves the
originals out, so that no member of a cluster is a verbatim reprint).
Writes DIR/corpus.jsonl and DIR/truth.tsv (for score_clusters.py).
Standard library only; deterministic.
"""

import argparse
import glob
import json
import os
import random


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
    parser.add_argument("--all-edited", action="store_true")
    args = parser.parse_args()
    random.seed(4)
    files = sorted(glob.glob(os.path.join(args.shared, "data/corpora/bbc/*/*.txt")))[:400]
    os.makedirs(args.out, exist_ok=True)
    min_edit = 0.01 if args.all_edited else 0.0
    vocab, n = [], 0
    with open(os.path.join(args.out, "corpus.jsonl"), "w") as corpus, \
            open(os.path.join(args.out, "truth.tsv"), "w") as truth:
        for story, path in enumerate(files):
            text = open(path, encoding="latin-1").read()
            vocab.extend(text.split()[:50])
            copies = 1 + (200 if story < 40 else random.randint(0, 5))
            for c in range(copies):
                words = text.split(" ")
                if c > 0 or args.all_edited:
                    if random.random() < 0.6:
                        words = words[: max(20, int(len(words) * random.uniform(0.4, 1.0)))]
                    for _ in range(int(len(words) * random.uniform(min_edit, 0.03))):
                        words[random.randrange(len(words))] = random.choice(vocab)
                doc_id = f"d{n}"
                n += 1
                corpus.write(json.dumps({"id": doc_id, "text": " ".join(words)}) + "\n")
                truth.write(f"{doc_id}\tc{story}\n")
    print(n, "documents in", args.out)


if __name__ == "__main__":
    main()
