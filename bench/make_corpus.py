#!/usr/bin/python3
"""Build a news-like near-duplicate benchmark corpus with known copy clusters.

Sources: Reuters-21578 (*.sgm) and the BBC news data set (<topic>/*.txt) under
<shared>/data/corpora/.  The base articles are first de-duplicated against each
other (5-word shingle containment >= 0.3 drops the later article), then used as
cluster originals, and new unique articles are synthesised by drawing sentences
from a global pool (at most one sentence per base article in any synthetic
article, each use lightly perturbed).  Every original gets 0..11 mutated copies.

Outputs in --out DIR:
  corpus.jsonl  {"id","source","date","title","text"} per line, globally shuffled
  truth.tsv     "#id  cluster  mutations  origin" header, then one line per doc
  stats.json    counts, cluster-size histogram, mutation counts, bytes, timings

Standard library only; deterministic for a given --seed and --docs.
"""

import argparse
import array
import collections
import html
import json
import math
import multiprocessing as mp
import os
import random
import re
import sys
import time

# ----------------------------------------------------------------------------
# Parameters (see README.md)

SINGLETON_FRACTION = 0.55      # fraction of documents that have no copy
CLUSTER_MIN, CLUSTER_MAX = 2, 12
CLUSTER_SIZE_RATIO = 0.6       # P(size = k) ~ RATIO^(k-2), k in [2, 12]
MIN_BODY_WORDS = 40            # base articles shorter than this are dropped
BASE_DUP_CONTAINMENT = 0.3     # base articles overlapping a kept one this much are dropped
SHINGLE = 5
SYN_SENTENCES = (8, 24)        # sentences per synthetic article
POOL_SENTENCE_TOKENS = (6, 40) # pooled sentences have this many tokens (long ones would
                               # dominate short trimmed copies)
SUBST_EVERY = 12               # each use of a pooled sentence swaps ~1 word per 12
BASE_ORIGINAL_SHARE = 0.4      # share of base articles used verbatim as originals; the
                               # rest only feed the sentence pool (the two never overlap)

EXACT_COPY_FRACTION = 0.10     # copies that are byte-identical to the original
N_MUTATIONS_WEIGHTS = [(1, 0.5), (2, 0.35), (3, 0.15)]
MUTATION_WEIGHTS = {           # relative weights among the non-exact mutations
    "trim": 0.30, "boilerplate": 0.25, "word_edit": 0.25,
    "reorder": 0.15, "reflow": 0.15, "punct": 0.15,
}
TRIM_KEEP = (0.40, 0.90)       # fraction of original words a trimmed copy keeps
TRIM_MIN_WORDS = 60            # a trimmed copy keeps at least this many words
TRIM_MIN_SENTENCES = 4         # ... and at least this many sentences
WORD_EDIT_RATE = (0.01, 0.03)  # fraction of words edited by word_edit
BOILERPLATE_BUDGET = 0.30      # boilerplate words <= this * body words (min 15)
ORIGINAL_BOILERPLATE_P = 0.10  # originals/singletons with a small site header/footer

SITES = [
    "The Daily Ledger", "Newswire Today", "Metro Herald", "Global Post Online",
    "The Evening Courier", "Market Pulse", "City Chronicle", "The Northern Star",
    "Capital Times", "World Report Daily", "The Morning Dispatch", "Business Insight",
    "Harbour Gazette", "The Tribune Review", "NewsHub 24", "Valley Observer",
    "The Independent Wire", "Coastline News", "Financial Digest", "The Weekly Standard-Bearer",
    "Riverside Journal", "PressLine", "The Sentinel Online", "Eastside Examiner",
    "AgriMarkets Now", "Energy Watch", "The Commonwealth Times", "Sports Desk Live",
    "TechBeat", "Culture & Screen", "Parliament Notes", "Wall Corner Post",
]
RELATED_HEADERS = ["Related posts:", "Related Posts", "You may also like", "Read more:",
                   "More from {site}", "Related articles", "Recommended for you",
                   "Also on {site}:"]
SHARE_LINES = ["Share this:", "Share this article", "Share on Facebook  Share on Twitter  Email",
               "Tweet  Share  Pin", "Share:"]
COMMENT_LINES = ["1 comment", "{n} comments", "Comments are closed.", "Leave a Reply",
                 "Be the first to comment", "Join the discussion"]
FOOTER_LINES = ["\u00a9 2024 {site} All rights reserved.", "\u00a9 2024 {site}. All rights reserved.",
                "Copyright 2024 {site}. All Rights Reserved.", "(c) {site} 2024 - all rights reserved",
                "\u00a9 {site} 2024"]
HEADER_LINES = ["{site}", "{site} | News", "Home \u00bb News \u00bb {section}", "{site} - {section}",
                "{section} | {site}", "Posted in {section}"]
SECTIONS = ["World", "Business", "Markets", "Politics", "Sport", "Technology", "Economy",
            "Entertainment", "Commodities", "Energy", "UK", "US"]

SPELLING_PAIRS = [
    ("defence", "defense"), ("organisation", "organization"), ("organise", "organize"),
    ("organised", "organized"), ("favour", "favor"), ("labour", "labor"), ("colour", "color"),
    ("centre", "center"), ("programme", "program"), ("analyse", "analyze"),
    ("behaviour", "behavior"), ("licence", "license"), ("travelled", "traveled"),
    ("honour", "honor"), ("neighbour", "neighbor"), ("realise", "realize"),
    ("recognise", "recognize"), ("criticised", "criticized"), ("privatisation", "privatization"),
    ("favourite", "favorite"), ("theatre", "theater"), ("metre", "meter"),
    ("catalogue", "catalog"), ("grey", "gray"), ("offence", "offense"), ("tonnes", "tons"),
    ("cheque", "check"), ("emphasise", "emphasize"), ("minimise", "minimize"),
    ("authorised", "authorized"), ("modernisation", "modernization"), ("harbour", "harbor"),
    ("liberalisation", "liberalization"), ("stabilise", "stabilize"), ("centres", "centers"),
]
HYPHEN_PAIRS = [("email", "e-mail"), ("cooperation", "co-operation"), ("cooperate", "co-operate"),
                ("online", "on-line"), ("website", "web-site"), ("longterm", "long-term"),
                ("nonprofit", "non-profit"), ("reelection", "re-election"),
                ("coordinate", "co-ordinate"), ("percent", "per cent")]
CASE_PAIRS = [("Nato", "NATO"), ("Opec", "OPEC"), ("Aids", "AIDS"), ("Unesco", "UNESCO"),
              ("Nasa", "NASA"), ("Fifa", "FIFA"), ("Uefa", "UEFA"), ("Ebay", "eBay")]
ABBREV = {"mr", "mrs", "ms", "dr", "st", "co", "corp", "inc", "ltd", "jr", "sr", "vs", "etc",
          "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
          "no", "gov", "sen", "rep", "gen", "col", "lt", "maj", "prof", "mt", "ft", "dlrs",
          "pct", "approx", "est", "bros", "cos", "mln", "bln", "vol", "fig", "al"}

TOKEN_RE = re.compile(r"[a-z0-9]+")
WORD_RE = re.compile(r"[A-Za-z]+")
DIGITS_RE = re.compile(r"\d+")
SPLIT_RE = re.compile(r"[.!?][\"')\]\u201d\u2019]*\s+(?=[\"'(\u201c\u2018A-Z0-9])")
REUTERS_RE = re.compile(r"<REUTERS\b.*?</REUTERS>", re.S)
TITLE_RE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
BODY_RE = re.compile(r"<BODY>(.*?)</BODY>", re.S)
CTRL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
WS_RE = re.compile(r"[ \t]+")


def log(msg):
    print(f"[make_corpus {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------
# Parsing

def split_sentences(par):
    """Split a paragraph into sentences; keeps abbreviations like U.S. or Mr. together."""
    out, start = [], 0
    for m in SPLIT_RE.finditer(par):
        end = m.start() + 1
        head = par[start:end]
        last = head.rsplit(None, 1)[-1] if head.strip() else ""
        w = last.rstrip(".!?").lstrip("\"'(\u201c\u2018").lower()
        if par[m.start()] == "." and (len(w) <= 1 or "." in w or w in ABBREV):
            continue
        s = par[start:m.end()].strip()
        if s:
            out.append(s)
        start = m.end()
    s = par[start:].strip()
    if s:
        out.append(s)
    return out


def clean_text(s):
    s = CTRL_RE.sub(" ", s)
    return WS_RE.sub(" ", s).strip()


def read_text_file(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def parse_reuters(root):
    docs = []
    for name in sorted(os.listdir(root)):
        if not name.endswith(".sgm"):
            continue
        data = open(os.path.join(root, name), "rb").read().decode("latin-1")
        for rec in REUTERS_RE.findall(data):
            b = BODY_RE.search(rec)
            if not b:
                continue
            t = TITLE_RE.search(rec)
            title = clean_text(html.unescape(t.group(1)).replace("<", "").replace(">", "")) if t else ""
            body = html.unescape(b.group(1)).replace("<", "").replace(">", "")
            body = CTRL_RE.sub("", body)
            # Paragraphs start with an indented line; drop tabular lines.
            paras, cur = [], []
            for line in body.split("\n"):
                if re.search(r"\S {3,}\S", line) or re.match(r"^\s*-{3,}", line):
                    if cur:
                        paras.append(" ".join(cur))
                        cur = []
                    continue
                if not line.strip():
                    if cur:
                        paras.append(" ".join(cur))
                        cur = []
                    continue
                if line.startswith("    ") and cur:
                    paras.append(" ".join(cur))
                    cur = []
                cur.append(line.strip())
            if cur:
                paras.append(" ".join(cur))
            paras = [clean_text(p) for p in paras]
            if paras and re.fullmatch(r"(?i)reuters?", paras[-1]):
                paras.pop()
            if paras:
                paras[-1] = re.sub(r"\s*\bReuters?\s*$", "", paras[-1])
            paras = [p for p in paras if p]
            docs.append(("reuters", title.title() if title.isupper() else title, paras))
    return docs


def parse_bbc(root):
    docs = []
    for topic in sorted(os.listdir(root)):
        d = os.path.join(root, topic)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if not name.endswith(".txt"):
                continue
            text = html.unescape(read_text_file(os.path.join(d, name)).replace("\r\n", "\n"))
            lines = text.split("\n")
            title = clean_text(lines[0])
            body = "\n".join(lines[1:])
            paras = [clean_text(p.replace("\n", " ")) for p in re.split(r"\n\s*\n", body)]
            paras = [p for p in paras if p]
            docs.append(("bbc", title, paras))
    return docs


def tokens(text):
    return TOKEN_RE.findall(text.lower())


# ----------------------------------------------------------------------------
# Base set de-duplication

def dedup_base(texts):
    """Greedy: keep a text unless its containment with a kept one is >= threshold.

    Returns (indices of kept texts, number dropped)."""
    vocab = {}
    index = collections.defaultdict(list)   # sampled shingle hash -> kept doc numbers
    kept_sets, kept = [], []
    dropped = 0
    for di, text in enumerate(texts):
        toks = tokens(text)
        ids = [vocab.setdefault(t, len(vocab)) for t in toks]
        sh = {hash(tuple(ids[i:i + SHINGLE])) for i in range(max(1, len(ids) - SHINGLE + 1))}
        sampled = [h for h in sh if h & 1 == 0]       # 1/2 sample for candidate lookup
        hits = collections.Counter()
        for h in sampled:
            lst = index.get(h)
            if lst and len(lst) <= 300:                  # ignore very common shingles
                hits.update(lst)
        dup = False
        for k, c in hits.most_common():
            if c < 2:
                break
            other = kept_sets[k]
            inter = len(sh & other)
            if inter / min(len(sh), len(other)) >= BASE_DUP_CONTAINMENT:
                dup = True
                break
        if dup:
            dropped += 1
            continue
        n = len(kept)
        kept.append(di)
        kept_sets.append(sh)
        for h in sampled:
            index[h].append(n)
    return kept, dropped


# ----------------------------------------------------------------------------
# Document generation (runs in worker processes; reads module globals G)

G = {}


def sample_weighted(rng, pairs):
    x = rng.random() * sum(w for _, w in pairs)
    for v, w in pairs:
        x -= w
        if x <= 0:
            return v
    return pairs[-1][0]


def perturb_sentence(rng, s, vocab):
    """Per-use perturbation of a pooled sentence: new numbers, ~1 word in SUBST_EVERY swapped."""
    if rng.random() < 0.7:
        s = DIGITS_RE.sub(lambda m: str(rng.randint(1, 9)) +
                          "".join(str(rng.randint(0, 9)) for _ in range(len(m.group()) - 1)), s)
    w = s.split(" ")
    n = max(1, round(len(w) / SUBST_EVERY)) if rng.random() < 0.9 else 0
    if n:
        if len(w) > 3:
            for _ in range(3 * n):
                i = rng.randrange(1, len(w))
                if w[i].isalpha() and w[i].islower():
                    w[i] = rng.choice(vocab)
                    n -= 1
                    if not n:
                        break
            s = " ".join(w)
    return s


def build_original(unit):
    """Return (title, paragraphs) where paragraphs = list of lists of sentences."""
    kind, ref, seed = G["unit_kind"][unit], G["unit_ref"][unit], G["unit_seed"][unit]
    rng = random.Random(seed)
    if kind == 0:                                  # base article
        origin, title, paras = G["base"][ref]
        return origin, title, [list(p) for p in paras]
    off = G["syn_off"]
    sids = G["syn_sent"][off[ref]:off[ref + 1]]
    pool, vocab = G["pool"], G["vocab"]
    sents = [perturb_sentence(rng, pool[i], vocab) for i in sids]
    paras, i = [], 0
    while i < len(sents):
        n = rng.choice((1, 1, 2, 2, 2, 3, 3, 4))
        paras.append(sents[i:i + n])
        i += n
    w = sents[0].split()
    title = " ".join(w[:rng.randint(5, 10)]).rstrip(",.;:")
    return "synthetic", title, paras


def n_words(paras):
    return sum(len(s.split()) for p in paras for s in p)


def mut_trim(rng, paras):
    total = n_words(paras)
    floor = max(math.ceil(TRIM_KEEP[0] * total), TRIM_MIN_WORDS)
    n_sent = sum(len(p) for p in paras)
    if total * TRIM_KEEP[1] < floor or n_sent <= TRIM_MIN_SENTENCES:
        return None
    target = max(floor, int(rng.uniform(*TRIM_KEEP) * total))
    if len(paras) >= 3 and rng.random() < 0.35:    # drop random whole paragraphs
        order = list(range(1, len(paras)))
        rng.shuffle(order)
        drop, kept_words, kept_sent = set(), total, n_sent
        for j in order:
            w = n_words([paras[j]])
            if kept_words - w < floor or kept_sent - len(paras[j]) < TRIM_MIN_SENTENCES:
                continue
            drop.add(j)
            kept_words -= w
            kept_sent -= len(paras[j])
            if kept_words <= target:
                break
        if drop and kept_words <= TRIM_KEEP[1] * total:
            return "trim_paras=%.2f" % (kept_words / total), [p for j, p in enumerate(paras) if j not in drop]
    out, acc, ns = [], 0, 0                        # keep the first part
    for p in paras:
        np_ = []
        for s in p:
            if acc >= target and ns >= TRIM_MIN_SENTENCES:
                break
            np_.append(s)
            acc += len(s.split())
            ns += 1
        if np_:
            out.append(np_)
        if acc >= target and ns >= TRIM_MIN_SENTENCES:
            break
    if acc > TRIM_KEEP[1] * total or acc >= total:
        return None
    return "trim_tail=%.2f" % (acc / total), out


def mut_reorder(rng, paras):
    if len(paras) < 2:
        return None
    paras = list(paras)
    if len(paras) >= 3 and rng.random() < 0.5:
        i = rng.randrange(len(paras))
        p = paras.pop(i)
        j = rng.randrange(len(paras) + 1)
        if j == i:
            j = (j + 1) % (len(paras) + 1)
        paras.insert(j, p)
        return "reorder_move", paras
    i, j = rng.sample(range(len(paras)), 2)
    paras[i], paras[j] = paras[j], paras[i]
    return "reorder_swap", paras


SPELL = {}
for _a, _b in SPELLING_PAIRS:
    SPELL[_a], SPELL[_b] = _b, _a
HYPH = {}
for _a, _b in HYPHEN_PAIRS:
    HYPH[_a], HYPH[_b] = _b, _a
CASEMAP = {}
for _a, _b in CASE_PAIRS:
    CASEMAP[_a], CASEMAP[_b] = _b, _a


def edit_word(rng, w, vocab):
    """Return (kind, new_word) ; new_word '' means deletion."""
    m = re.match(r"^([^A-Za-z0-9]*)(.*?)([^A-Za-z0-9]*)$", w)
    pre, core, post = m.group(1), m.group(2), m.group(3)
    low = core.lower()
    if low in SPELL:
        rep = SPELL[low]
        if core[:1].isupper():
            rep = rep.capitalize()
        return "spelling", pre + rep + post
    if core in CASEMAP:
        return "case", pre + CASEMAP[core] + post
    r = rng.random()
    if r < 0.12 and "-" in core:
        return "hyphen", pre + (core.replace("-", "") if rng.random() < 0.5 else core.replace("-", " ")) + post
    if r < 0.2 and low in HYPH:
        return "hyphen", pre + HYPH[low] + post
    if r < 0.3 and core.isalpha() and len(core) > 1:
        if core.isupper():
            return "case", pre + core.capitalize() + post
        if core[0].isupper() and len(core) <= 6:
            return "case", pre + core.upper() + post
        return "case", pre + (core.capitalize() if core.islower() else core.lower()) + post
    if r < 0.55:
        return "delete", ""
    return "subst", pre + rng.choice(vocab) + post


def mut_word_edit(rng, paras, vocab):
    rate = rng.uniform(*WORD_EDIT_RATE)
    words = [[s.split(" ") for s in p] for p in paras]
    pos = [(a, b, c) for a, p in enumerate(words) for b, s in enumerate(p) for c in range(len(s))]
    n = max(1, int(rate * len(pos)))
    # Prefer words that have a spelling/case variant: they are realistic edits.
    special = [x for x in pos if words[x[0]][x[1]][x[2]].strip(".,;:\"'()").lower() in SPELL
               or words[x[0]][x[1]][x[2]].strip(".,;:\"'()") in CASEMAP]
    chosen = set(rng.sample(special, min(len(special), max(0, n // 3))))
    while len(chosen) < n:
        chosen.add(rng.choice(pos))
    kinds = collections.Counter()
    for a, b, c in chosen:
        k, nw = edit_word(rng, words[a][b][c], vocab)
        kinds[k] += 1
        words[a][b][c] = nw
    out = []
    for p in words:
        np_ = [" ".join(w for w in s if w) for s in p]
        np_ = [s for s in np_ if s]
        if np_:
            out.append(np_)
    return "word_edit=%.3f" % (n / len(pos)), out


def to_curly(text):
    text = re.sub(r'(^|[\s(\[])"', "\\1\u201c", text)
    text = text.replace('"', "\u201d")
    text = re.sub(r"(^|[\s(\[])'", "\\1\u2018", text)
    text = text.replace("'", "\u2019")
    text = text.replace(" - ", " \u2014 ").replace("--", "\u2014").replace("...", "\u2026")
    return text


def to_straight(text):
    return (text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2018", "'")
            .replace("\u2019", "'").replace("\u2014", " - ").replace("\u2026", "..."))


def make_boilerplate(rng, site, body_words, small=False):
    """Return (header_lines, middle_block, footer_lines)."""
    budget = max(15, int(BOILERPLATE_BUDGET * body_words))
    fmt = dict(site=site, section=rng.choice(SECTIONS), n=rng.randint(2, 48))
    header, middle, footer = [], [], []
    if rng.random() < 0.7:
        header.append(rng.choice(HEADER_LINES).format(**fmt))
    if not small and rng.random() < 0.6:
        titles = G["titles"]
        k = rng.randint(3, 6)
        block = [rng.choice(RELATED_HEADERS).format(**fmt)]
        for _ in range(k):
            block.append(rng.choice(titles))
        while len(block) > 2 and sum(len(x.split()) for x in block) > budget * 0.7:
            block.pop()
        if len(block) >= 3:
            (middle if rng.random() < 0.3 else footer).extend(block)
    if rng.random() < 0.5:
        footer.append(rng.choice(SHARE_LINES))
    if not small and rng.random() < 0.4:
        footer.append(rng.choice(COMMENT_LINES).format(**fmt))
    if rng.random() < 0.7 or not (header or footer or middle):
        footer.append(rng.choice(FOOTER_LINES).format(**fmt))
    return header, middle, footer


def render(rng, paras, bp=None, reflow=None):
    ptexts = [" ".join(p) for p in paras]
    if bp:
        header, middle, footer = bp
        if middle and len(ptexts) > 1:
            k = rng.randint(1, len(ptexts) - 1)
            ptexts = ptexts[:k] + ["\n".join(middle)] + ptexts[k:]
        elif middle:
            footer = middle + footer
        ptexts = header + ptexts + footer
    sep = "\n\n"
    if reflow == "single_newline":
        sep = "\n"
    elif reflow == "hard_wrap":
        width = rng.randint(60, 80)
        wrapped = []
        for p in ptexts:
            lines, cur = [], ""
            for w in p.split(" "):
                if cur and len(cur) + 1 + len(w) > width:
                    lines.append(cur)
                    cur = w
                else:
                    cur = cur + " " + w if cur else w
            lines.append(cur)
            wrapped.append("\n".join(lines))
        ptexts = wrapped
    elif reflow == "double_space":
        ptexts = [re.sub(r"([.!?]) ", "\\1  ", p) for p in ptexts]
    elif reflow == "indent":
        ptexts = ["    " + p + "  " for p in ptexts]
        sep = "\r\n\r\n"
    return sep.join(ptexts)


def original_text(seed, paras, site):
    """The original's rendering (exact copies reproduce it byte for byte)."""
    orng = random.Random(seed * 16)
    bp = None
    if orng.random() < ORIGINAL_BOILERPLATE_P:
        bp = make_boilerplate(orng, site, n_words(paras), small=True)
    return render(orng, paras, bp), bp is not None


def make_doc(unit, member):
    """Return (source, date, title, text, mutations, origin)."""
    origin, title, paras = build_original(unit)
    seed = G["unit_seed"][unit]
    rng = random.Random(seed * 16 + member + 1)
    vocab = G["vocab"]
    base_day = random.Random(seed).randrange(366)
    orig_site = SITES[seed % len(SITES)]
    if member == 0:
        text, has_bp = original_text(seed, paras, orig_site)
        muts = ["original" if G["unit_size"][unit] > 1 else "singleton"]
        if has_bp:
            muts.append("site_bp")
        return orig_site, base_day, title, text, muts, origin
    site = SITES[(seed + member * 7) % len(SITES)]
    if site == orig_site:
        site = SITES[(seed + member * 7 + 1) % len(SITES)]
    day = min(365, base_day + rng.randint(0, 5))
    if rng.random() < EXACT_COPY_FRACTION:
        return site, day, title, original_text(seed, paras, orig_site)[0], ["exact"], origin
    n = sample_weighted(rng, N_MUTATIONS_WEIGHTS)
    kinds = list(MUTATION_WEIGHTS.items())
    chosen = []
    while len(chosen) < n:
        k = sample_weighted(rng, kinds)
        if k not in chosen:
            chosen.append(k)
    order = ["trim", "reorder", "word_edit", "punct", "boilerplate", "reflow"]
    muts, bp, reflow, punct = [], None, None, None
    for k in order:
        if k not in chosen:
            continue
        if k == "trim":
            r = mut_trim(rng, paras)
            if r:
                muts.append(r[0])
                paras = r[1]
        elif k == "reorder":
            r = mut_reorder(rng, paras)
            if r:
                muts.append(r[0])
                paras = r[1]
        elif k == "word_edit":
            r = mut_word_edit(rng, paras, vocab)
            muts.append(r[0])
            paras = r[1]
        elif k == "punct":
            punct = rng.choice(("curly", "straight_dash"))
            muts.append("punct")
        elif k == "boilerplate":
            bp = make_boilerplate(rng, site, n_words(paras))
            muts.append("boilerplate")
        elif k == "reflow":
            reflow = rng.choice(("single_newline", "hard_wrap", "double_space", "indent"))
            muts.append("reflow_" + reflow)
    state = rng.getstate()
    text = render(rng, paras, bp, reflow)
    if reflow:                                       # label only reflows that change the text
        after = rng.getstate()
        rng.setstate(state)
        if render(rng, paras, bp) == text:
            muts = [m for m in muts if not m.startswith("reflow")]
        rng.setstate(after)
    if punct:
        new = to_curly(text) if punct == "curly" else to_straight(text).replace(" - ", " -- ")
        if new == text:
            muts.remove("punct")
        text = new
    if not muts:                                     # every chosen mutation was a no-op
        return site, day, title, original_text(seed, paras, orig_site)[0], ["exact"], origin
    return site, day, title, text, muts, origin


def day_to_date(day):
    t = time.gmtime(1704067200 + day * 86400)       # 2024-01-01 + day
    return "%04d-%02d-%02d" % (t.tm_year, t.tm_mon, t.tm_mday)


def gen_block(args):
    start, end = args
    order, width = G["order"], G["id_width"]
    lines, truth = [], []
    mstats = collections.Counter()
    text_bytes = 0
    for pos in range(start, end):
        code = order[pos]
        unit, member = code >> 4, code & 15
        source, day, title, text, muts, origin = make_doc(unit, member)
        did = "d%0*d" % (width, pos + 1)
        lines.append(json.dumps({"id": did, "source": source, "date": day_to_date(day),
                                 "title": title, "text": text}, ensure_ascii=False))
        truth.append("%s\tc%d\t%s\t%s" % (did, unit, ",".join(muts), origin))
        text_bytes += len(text.encode("utf-8"))
        for m in muts:
            mstats[m.split("=")[0]] += 1
        if member > 0:
            mstats["_copies"] += 1
            mstats["_n_mutations=%d" % len(muts)] += 1
    return "\n".join(lines) + "\n", "\n".join(truth) + "\n", mstats, text_bytes


# ----------------------------------------------------------------------------
# Planning (main process)

def cluster_sizes(rng, n_docs):
    """Cluster sizes (>= 2) summing to about (1 - SINGLETON_FRACTION) * n_docs."""
    target = int(round((1 - SINGLETON_FRACTION) * n_docs))
    ks = list(range(CLUSTER_MIN, CLUSTER_MAX + 1))
    weights = [CLUSTER_SIZE_RATIO ** (k - CLUSTER_MIN) for k in ks]
    sizes, total = [], 0
    while total < target:
        k = rng.choices(ks, weights)[0]
        if total + k > target:
            k = target - total
            if k < 2:
                if sizes:
                    sizes[-1] += k
                    if sizes[-1] > CLUSTER_MAX:      # split rather than exceed the maximum
                        sizes[-1] -= 2
                        sizes.append(2)
                break
        sizes.append(k)
        total += k
    return sizes


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--docs", type=int, default=1000000, help="number of documents (default 1000000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared"),
                    help="shared data root containing data/corpora (default <repo>/../shared)")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                    help="worker processes (default min(2, cores))")
    ap.add_argument("--pool-fraction", type=float, default=1.0,
                    help="use only this fraction of the sentence pool (testing: mimics the "
                         "sentence reuse of a big corpus in a small one)")
    args = ap.parse_args()
    t0 = time.time()
    corpora = os.path.join(args.shared, "data", "corpora")
    rng = random.Random(args.seed)

    # 1. Parse and filter the base articles.
    raw = parse_reuters(os.path.join(corpora, "reuters21578")) + parse_bbc(os.path.join(corpora, "bbc"))
    n_raw = collections.Counter(d[0] for d in raw)
    docs, short = [], 0
    for origin, title, paras in raw:
        toks = tokens(" ".join(paras))
        alpha = sum(1 for t in toks if not t.isdigit())
        if len(toks) < MIN_BODY_WORDS or alpha < 0.6 * len(toks):
            short += 1
            continue
        docs.append((origin, title, [split_sentences(p) for p in paras]))
    log(f"parsed {dict(n_raw)}; dropped {short} short/tabular bodies; {len(docs)} remain")
    docs.sort(key=lambda d: -n_words(d[2]))         # keep the longest version of a duplicate
    keep_idx, dropped_dup = dedup_base([" ".join(" ".join(p) for p in d[2]) for d in docs])
    base = [(docs[i][0], docs[i][1], [tuple(p) for p in docs[i][2]]) for i in keep_idx]
    log(f"base de-dup: dropped {dropped_dup} near-duplicate base articles "
        f"(containment >= {BASE_DUP_CONTAINMENT}); {len(base)} base articles "
        f"({collections.Counter(b[0] for b in base)})")
    base.sort(key=lambda d: (d[0], d[1], d[2]))      # canonical order
    rng.shuffle(base)

    # 2. Plan the cluster sizes; split the base set into verbatim originals and pool sources.
    sizes = cluster_sizes(rng, args.docs)
    n_single = args.docs - sum(sizes)
    unit_sizes = sizes + [1] * n_single
    rng.shuffle(unit_sizes)
    n_units = len(unit_sizes)
    n_base_used = min(int(BASE_ORIGINAL_SHARE * len(base)), n_units // 2)

    # 3. Sentence pool (distinct normalised sentences of long-enough pool articles), vocabulary.
    pool, pool_src, seen = [], [], set()
    wc = collections.Counter()
    for bi, (_, _, paras) in enumerate(base):
        sents = [s for p in paras for s in p]
        for s in sents:
            wc.update(w for w in WORD_RE.findall(s) if w.islower())
        if bi < n_base_used:
            continue
        for s in sents:
            toks = tokens(s)
            if not (POOL_SENTENCE_TOKENS[0] <= len(toks) <= POOL_SENTENCE_TOKENS[1]):
                continue
            key = " ".join(toks)
            if key in seen:
                continue
            seen.add(key)
            pool.append(s)
            pool_src.append(bi)
    if args.pool_fraction < 1.0:
        keep = sorted(rng.sample(range(len(pool)), max(100, int(args.pool_fraction * len(pool)))))
        pool, pool_src = [pool[i] for i in keep], [pool_src[i] for i in keep]
    vocab = sorted(w for w, c in wc.items() if c >= 3 and len(w) >= 3)
    titles = sorted({b[1] for b in base if 3 <= len(b[1].split()) <= 14})
    log(f"sentence pool: {len(pool)} sentences; vocabulary {len(vocab)} words")

    # 4. Plan which originals are base articles, and the synthetic sentence draws.
    base_units = set(rng.sample(range(n_units), n_base_used))
    unit_kind = array.array("b", [0 if u in base_units else 1 for u in range(n_units)])
    unit_ref = array.array("i", [0] * n_units)
    unit_seed = array.array("q", [rng.getrandbits(40) for _ in range(n_units)])
    syn_sent, syn_off = array.array("i"), array.array("q", [0])
    perm = list(range(len(pool)))
    rng.shuffle(perm)
    ptr, epochs = 0, 1
    bi = 0
    n_syn = 0
    for u in range(n_units):
        if unit_kind[u] == 0:
            unit_ref[u] = bi
            bi += 1
            continue
        unit_ref[u] = n_syn
        n_syn += 1
        k = rng.randint(*SYN_SENTENCES)
        used_src, got, deferred = set(), 0, []
        while got < k:
            if ptr >= len(perm):
                rest = list(range(len(pool)))
                rng.shuffle(rest)
                perm, ptr, epochs = deferred + rest, 0, epochs + 1
                deferred = []
            sid = perm[ptr]
            ptr += 1
            if pool_src[sid] in used_src:
                deferred.append(sid)
                continue
            used_src.add(pool_src[sid])
            syn_sent.append(sid)
            got += 1
        if deferred:                                  # give skipped sentences back to this epoch
            perm[ptr:ptr] = deferred
        syn_off.append(len(syn_sent))
    order = array.array("q")
    for u, s in enumerate(unit_sizes):
        order.extend((u << 4) | m for m in range(s))
    order = list(order)
    rng.shuffle(order)
    order = array.array("q", order)
    reuse = len(syn_sent) / max(1, len(pool))
    log(f"plan: {n_units} originals ({n_base_used} base, {n_syn} synthetic), "
        f"{len(sizes)} copy clusters, {n_single} singletons; pool reused {reuse:.1f}x "
        f"({epochs} epochs); planning took {time.time() - t0:.1f}s")

    G.update(base=base, pool=pool, vocab=vocab, titles=titles, unit_kind=unit_kind,
             unit_ref=unit_ref, unit_seed=unit_seed, unit_size=array.array("b", unit_sizes),
             syn_sent=syn_sent, syn_off=syn_off, order=order,
             id_width=max(7, len(str(args.docs))))

    # 5. Generate in output order, streaming.
    os.makedirs(args.out, exist_ok=True)
    t1 = time.time()
    block = 2000
    tasks = [(s, min(args.docs, s + block)) for s in range(0, args.docs, block)]
    mstats = collections.Counter()
    text_bytes = 0
    corpus_tmp = os.path.join(args.out, "corpus.jsonl.tmp")
    truth_tmp = os.path.join(args.out, "truth.tsv.tmp")
    with open(corpus_tmp, "w", encoding="utf-8", newline="\n") as fc, \
            open(truth_tmp, "w", encoding="utf-8", newline="\n") as ft:
        ft.write("#id\tcluster\tmutations\torigin\n")
        if args.jobs > 1:
            ctx = mp.get_context("fork")
            with ctx.Pool(args.jobs) as p:
                results = p.imap(gen_block, tasks, chunksize=1)
                for i, (c, t, ms, tb) in enumerate(results):
                    fc.write(c)
                    ft.write(t)
                    mstats.update(ms)
                    text_bytes += tb
                    if i % 50 == 49:
                        log(f"  {tasks[i][1]} docs written ({time.time() - t1:.0f}s)")
        else:
            for i, task in enumerate(tasks):
                c, t, ms, tb = gen_block(task)
                fc.write(c)
                ft.write(t)
                mstats.update(ms)
                text_bytes += tb
    os.replace(truth_tmp, os.path.join(args.out, "truth.tsv"))
    os.replace(corpus_tmp, os.path.join(args.out, "corpus.jsonl"))
    corpus_bytes = os.path.getsize(os.path.join(args.out, "corpus.jsonl"))
    hist = collections.Counter(sizes)
    hist[1] = n_single
    stats = {
        "docs": args.docs, "seed": args.seed,
        "singletons": n_single, "copy_clusters": len(sizes),
        "docs_in_copy_clusters": sum(sizes), "originals": n_units,
        "cluster_size_histogram": {str(k): hist[k] for k in sorted(hist)},
        "copies": mstats.pop("_copies", 0),
        "mutations_per_copy": {k.split("=")[1]: mstats.pop(k) for k in sorted(mstats) if k.startswith("_n_mutations")},
        "mutation_counts": dict(sorted(mstats.items())),
        "origin_of_originals": {"base": n_base_used, "synthetic": n_syn},
        "base": {"parsed": dict(n_raw), "dropped_short_or_tabular": short,
                 "dropped_near_duplicate": dropped_dup, "kept": len(base),
                 "kept_by_source": dict(collections.Counter(b[0] for b in base))},
        "sentence_pool": len(pool), "pool_reuse_factor": round(reuse, 2),
        "corpus_jsonl_bytes": corpus_bytes, "text_bytes": text_bytes,
        "avg_text_bytes": round(text_bytes / max(1, args.docs), 1),
        "seconds_total": round(time.time() - t0, 1), "seconds_generate": round(time.time() - t1, 1),
    }
    with open(os.path.join(args.out, "stats.json"), "w") as f:
        json.dump(stats, f, indent=2)
        f.write("\n")
    log(f"wrote {args.docs} docs, {corpus_bytes / 1e6:.1f} MB (text {text_bytes / 1e6:.1f} MB, "
        f"avg {stats['avg_text_bytes']:.0f} B) to {args.out} in {stats['seconds_total']}s")
    print(json.dumps(stats, indent=2))


if __name__ == "__main__":
    main()
