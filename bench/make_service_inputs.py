#!/usr/bin/env python3
"""Inputs for the service's floor measurements (bench/RESULTS.md, issue 5).

  make_service_inputs.py distinct N OUT   N different articles of 350 random words
  make_service_inputs.py copies N OUT     N exact copies (ids differ) of one such article
  make_service_inputs.py tiny N OUT       N one-word documents, all different

Words are random strings from a fixed seed, so distinct articles share no
shingles and the index finds no candidates: what is left is the cost of
HTTP, JSON, cleaning, fingerprinting and storing.
"""
import json
import random
import string
import sys


def word(rng):
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 9)))


def article(rng):
    return " ".join(word(rng) for _ in range(350))


def main():
    kind, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rng = random.Random(5)
    shared = article(rng)
    with open(out, "w") as f:
        for i in range(count):
            if kind == "distinct":
                text = article(rng)
            elif kind == "copies":
                text = shared
            elif kind == "tiny":
                text = word(rng) + str(i)
            else:
                sys.exit("kind must be distinct, copies or tiny")
            f.write(json.dumps({"id": f"{kind}-{i}", "text": text}) + "\n")


if __name__ == "__main__":
    main()
