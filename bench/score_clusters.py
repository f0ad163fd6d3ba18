#!/usr/bin/python3
"""Score predicted copy clusters against the known clusters of a bench corpus.

  score_clusters.py --truth DIR/truth.tsv --pred clusters.jsonl [--json OUT|-] [--check]

truth.tsv (from make_corpus.py): "id<TAB>cluster[<TAB>mutations[<TAB>origin]]", lines
starting with '#' are ignored.  Every corpus document is listed; singletons have their
own label.  The mutations column is "singleton", "original", "exact" or a comma list
such as "trim_tail=0.55,word_edit=0.021,boilerplate".

clusters.jsonl (from `reprint dedup`): one object per line with a "members" list of
{"id": ..., "relation": ...} objects (plain id strings are accepted too).  Documents
not mentioned are singletons.

Pairwise scores use contingency counts (no pair enumeration):
  TP = sum over (true, pred) cells of C(n, 2); precision = TP / sum C(|pred|, 2);
  recall = TP / sum C(|true|, 2).
Per-mutation recall: a copy counts as found when it is in the same predicted cluster
as the original of its true cluster.
"""

import argparse
import collections
import json
import sys


def c2(n):
    return n * (n - 1) // 2


def read_truth(path):
    label, muts, origin = {}, {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            label[parts[0]] = parts[1]
            muts[parts[0]] = parts[2] if len(parts) > 2 else ""
            origin[parts[0]] = parts[3] if len(parts) > 3 else ""
    return label, muts, origin


def read_pred(path, problems):
    """Return list of clusters, each a list of (id, relation)."""
    clusters = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError as e:
                problems.append(f"line {n}: bad JSON ({e})")
                continue
            members = obj.get("members") if isinstance(obj, dict) else obj
            if not isinstance(members, list):
                problems.append(f"line {n}: no members list")
                continue
            cl = []
            for m in members:
                if isinstance(m, dict):
                    cl.append((str(m.get("id")), m.get("relation", "")))
                else:
                    cl.append((str(m), ""))
            clusters.append(cl)
    return clusters


def bucket_trim(frac):
    for lo, hi in ((0.4, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.91)):
        if frac < hi:
            return f"{lo:.1f}-{min(hi, 0.9):.1f}"
    return "0.9+"


def score(truth_path, pred_path, examples=5):
    label, muts, origin = read_truth(truth_path)
    problems = []
    clusters = read_pred(pred_path, problems)

    pred_of = {}                # id -> predicted cluster index
    relation = {}
    unknown = dup = 0
    pred_sizes = []
    cells = collections.Counter()
    for ci, cl in enumerate(clusters):
        size = 0
        for did, rel in cl:
            if did in pred_of:
                dup += 1
                continue
            pred_of[did] = ci
            relation[did] = rel
            size += 1
            if did in label:
                cells[(label[did], ci)] += 1
            else:
                unknown += 1
                cells[("?unknown:" + did, ci)] += 1
        pred_sizes.append(size)
    if unknown:
        problems.append(f"{unknown} predicted ids are not in truth.tsv (counted as false positives)")
    if dup:
        problems.append(f"{dup} ids appear in more than one predicted cluster (first one kept)")

    true_sizes = collections.Counter(label.values())
    tp = sum(c2(n) for n in cells.values())
    pred_pairs = sum(c2(n) for n in pred_sizes)
    true_pairs = sum(c2(n) for n in true_sizes.values())
    precision = tp / pred_pairs if pred_pairs else 1.0
    recall = tp / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    # Cluster-level: purity and exact matches.
    by_pred = collections.defaultdict(list)
    for (lab, ci), n in cells.items():
        by_pred[ci].append((lab, n))
    pure = exact_match = 0
    impure = []
    for ci, labs in by_pred.items():
        if len(labs) == 1:
            pure += 1
            lab, n = labs[0]
            if n == true_sizes.get(lab, 1) and n == pred_sizes[ci]:
                exact_match += 1
        else:
            false_pairs = c2(pred_sizes[ci]) - sum(c2(n) for _, n in labs)
            impure.append((false_pairs, ci, labs))
    impure.sort(key=lambda x: (-x[0], x[1]))
    n_true_clusters = sum(1 for n in true_sizes.values() if n > 1)
    singletons_clustered = sum(1 for d, lab in label.items() if true_sizes[lab] == 1 and d in pred_of)

    # Per-copy recall: same predicted cluster as the original.
    original = {}
    for d, m in muts.items():
        if m.split(",")[0] == "original":
            original[label[d]] = d
    rec = collections.defaultdict(lambda: [0, 0])   # key -> [found, total]
    missed = []
    for d, m in muts.items():
        if not m or m.split(",")[0] in ("original", "singleton"):
            continue
        o = original.get(label[d])
        if o is None:
            continue
        found = d in pred_of and pred_of.get(o) == pred_of[d]
        names = [x.split("=")[0] for x in m.split(",")]
        keys = ["ALL copies", *("mut:" + x for x in names), f"n_mutations:{len(names)}"]
        if origin.get(d):
            keys.append("origin:" + origin[d])
        for x in m.split(","):
            if x.startswith("trim") and "=" in x:
                keys.append("trim_kept:" + bucket_trim(float(x.split("=")[1])))
        if len(names) > 1:
            keys.append("combo:" + "+".join(sorted(names)))
        for k in keys:
            rec[k][1] += 1
            if found:
                rec[k][0] += 1
        if not found:
            missed.append((d, o, m))

    # Member precision by predicted relation (non-canonical members vs the canonical).
    rel_stats = collections.defaultdict(lambda: [0, 0])
    for cl in clusters:
        canon = next((d for d, r in cl if r == "canonical"), cl[0][0] if cl else None)
        for d, r in cl:
            if d == canon:
                continue
            rel_stats[r or "?"][1] += 1
            if d in label and canon in label and label[d] == label[canon]:
                rel_stats[r or "?"][0] += 1

    return {
        "truth_docs": len(label), "true_clusters": n_true_clusters, "true_pairs": true_pairs,
        "pred_clusters": len(clusters), "pred_docs": len(pred_of), "pred_pairs": pred_pairs,
        "true_positive_pairs": tp, "precision": precision, "recall": recall, "f1": f1,
        "pure_pred_clusters": pure, "exactly_matching_clusters": exact_match,
        "impure_pred_clusters": len(impure), "true_singletons_clustered": singletons_clustered,
        "copy_recall": {k: {"found": v[0], "total": v[1], "recall": v[0] / v[1]} for k, v in sorted(rec.items())},
        "member_precision_by_relation": {k: {"correct": v[0], "total": v[1], "precision": v[0] / v[1]}
                                         for k, v in sorted(rel_stats.items())},
        "worst_impure_clusters": [{"pred_cluster": ci, "false_pairs": fp,
                                   "true_labels": dict(sorted(labs, key=lambda x: -x[1])[:6])}
                                  for fp, ci, labs in impure[:examples]],
        "missed_copies_examples": [{"id": d, "original": o, "mutations": m} for d, o, m in missed[:examples]],
        "problems": problems,
    }


def print_report(r, out, min_recall, min_precision):
    p = lambda *a: print(*a, file=out)
    p(f"documents {r['truth_docs']}  true copy clusters {r['true_clusters']}  true pairs {r['true_pairs']}")
    p(f"predicted clusters {r['pred_clusters']} covering {r['pred_docs']} docs, {r['pred_pairs']} pairs")
    ok_p = r["precision"] >= min_precision
    ok_r = r["recall"] >= min_recall
    p(f"pairwise precision {r['precision']:.5f}  [{'PASS' if ok_p else 'FAIL'} >= {min_precision}]")
    p(f"pairwise recall    {r['recall']:.5f}  [{'PASS' if ok_r else 'FAIL'} >= {min_recall}]")
    p(f"pairwise F1        {r['f1']:.5f}")
    p(f"pure predicted clusters {r['pure_pred_clusters']}, exact matches {r['exactly_matching_clusters']}, "
      f"impure {r['impure_pred_clusters']}, true singletons put in clusters {r['true_singletons_clustered']}")
    cr = r["copy_recall"]
    if cr:
        p("copy recall (copy in the same predicted cluster as its original):")
        groups = [("ALL", lambda k: k == "ALL copies"), ("mut", lambda k: k.startswith("mut:")),
                  ("trim", lambda k: k.startswith("trim_kept:")), ("n", lambda k: k.startswith("n_mutations:")),
                  ("origin", lambda k: k.startswith("origin:"))]
        for _, f in groups:
            for k, v in cr.items():
                if f(k):
                    p(f"  {k:32s} {v['recall']:.4f}  ({v['found']}/{v['total']})")
        combos = sorted(((v["recall"], k, v) for k, v in cr.items() if k.startswith("combo:") and v["total"] >= 20))[:5]
        if combos:
            p("  weakest mutation combinations (>= 20 copies):")
            for rr, k, v in combos:
                p(f"    {k:40s} {rr:.4f}  ({v['found']}/{v['total']})")
    if r["member_precision_by_relation"]:
        p("member precision by predicted relation (same true cluster as the canonical):")
        for k, v in r["member_precision_by_relation"].items():
            p(f"  {k:20s} {v['precision']:.5f}  ({v['correct']}/{v['total']})")
    for c in r["worst_impure_clusters"]:
        p(f"  impure pred cluster #{c['pred_cluster']}: {c['false_pairs']} false pairs, true labels {c['true_labels']}")
    for m in r["missed_copies_examples"]:
        p(f"  missed copy {m['id']} of {m['original']} ({m['mutations']})")
    for pr in r["problems"]:
        p(f"WARNING: {pr}")
    return ok_p and ok_r


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--truth", required=True)
    ap.add_argument("--pred", required=True)
    ap.add_argument("--json", help="also write the full result as JSON to this file ('-' = stdout)")
    ap.add_argument("--examples", type=int, default=5, help="impure clusters / missed copies to list")
    ap.add_argument("--min-recall", type=float, default=0.98)
    ap.add_argument("--min-precision", type=float, default=0.99)
    ap.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = ap.parse_args()
    r = score(args.truth, args.pred, args.examples)
    ok = print_report(r, sys.stderr if args.json == "-" else sys.stdout, args.min_recall, args.min_precision)
    if args.json:
        if args.json == "-":
            json.dump(r, sys.stdout, indent=2)
            print()
        else:
            with open(args.json, "w") as f:
                json.dump(r, f, indent=2)
                f.write("\n")
    sys.exit(0 if ok or not args.check else 1)


if __name__ == "__main__":
    main()
