"""reprint: find copies of the same text in piles of news and web documents.

Functions on texts (clean, compare, align) and the persistent CopyIndex come
straight from the C++ library (reprint._reprint). dedup() and stories() take
documents in memory: they write them as JSON Lines to a temporary file and
run the batch pipeline on it, exactly as `reprint dedup` and `reprint stories`
would on that file (the pipeline reads its input twice, from files).
"""

import json
import os
import tempfile

from ._reprint import CopyIndex, align, clean, compare, dedup_files, stories_files

__all__ = ["CopyIndex", "align", "clean", "compare", "dedup", "dedup_files", "stories", "stories_files"]


def _as_jsonl(documents, path):
    with open(path, "w", encoding="utf-8") as out:
        for i, doc in enumerate(documents):
            if isinstance(doc, (tuple, list)):
                doc = {"id": doc[0], "text": doc[1]}
            if "id" not in doc or ("text" not in doc and "html" not in doc):
                raise ValueError(f"document {i} needs an \"id\" and a \"text\" or \"html\"")
            out.write(json.dumps(doc, ensure_ascii=False))
            out.write("\n")


def _on_documents(run, documents, **options):
    with tempfile.TemporaryDirectory(prefix="reprint-") as tmp:
        path = os.path.join(tmp, "documents.jsonl")
        _as_jsonl(documents, path)
        return run([path], **options)


def dedup(documents, **options):
    """Copy clusters of documents given as dicts (id, text or html, date, ...)
    or (id, text) pairs. Options and result as dedup_files()."""
    return _on_documents(dedup_files, documents, **options)


def stories(documents, **options):
    """Stories of documents given as dicts or (id, text) pairs. Options and
    result as stories_files()."""
    return _on_documents(stories_files, documents, **options)
