"""Tests of the Python bindings: each call against what the library must say."""

import os
import random
import tempfile
import threading
import unittest

import reprint

WORDS = ["minister", "said", "talks", "city", "police", "market", "shares", "rose", "fell", "after",
         "before", "report", "court", "ruled", "storm", "hit", "coast", "army", "vote", "bank", "rates"]


def words(seed, n):
    rng = random.Random(seed)
    out = []
    for i in range(n):
        out.append(f"{rng.choice(WORDS)}{rng.randrange(50)}")
        if i % 12 == 11:
            out[-1] += "."
    return " ".join(out)


STORY = words(1, 400)
TRIMMED = STORY[: len(STORY) // 2]
OTHER = words(2, 300)


class CleanTest(unittest.TestCase):
    def test_html_loses_scripts_and_entities_are_decoded(self):
        html = ("<html><head><title>Vote today</title><script>var ad = 1;</script></head><body>"
                "<article><p>The minister said the vote&comma; held on Thursday&period; was fair&#8217;s test.</p>"
                f"<p>{STORY}</p></article></body></html>")
        out = reprint.clean(html, id="page")
        self.assertTrue(out["was_html"])
        self.assertIn("the vote, held on Thursday. was fair\u2019s test", out["text"])
        self.assertNotIn("var ad", out["text"])
        self.assertEqual(out["id"], "page")

    def test_bytes_that_are_not_utf8_are_decoded_as_windows_1252(self):
        out = reprint.clean(b"caf\xe9 society, \x93quoted\x94 words", format="text")
        self.assertEqual(out["text"], "caf\u00e9 society, \u201cquoted\u201d words")

    def test_unknown_format_is_a_value_error(self):
        with self.assertRaises(ValueError):
            reprint.clean("text", format="pdf")


class CompareAndAlignTest(unittest.TestCase):
    def test_relations(self):
        self.assertEqual(reprint.compare(STORY, STORY)["relation"], "exact")
        trimmed = reprint.compare(TRIMMED, STORY)
        self.assertEqual(trimmed["relation"], "contained")
        self.assertEqual(trimmed["contained"], "a")
        self.assertGreater(trimmed["containment"], 0.95)
        self.assertLess(trimmed["jaccard"], 0.7)
        self.assertEqual(reprint.compare(STORY, OTHER)["relation"], "unrelated")

    def test_alignment_offsets_point_at_the_reused_text(self):
        edited = TRIMMED.replace("minister", "premier", 1)
        result = reprint.align(STORY, edited)
        self.assertIn(result["relation"], ("trimmed copy", "edited copy"))
        self.assertGreater(result["coverage_b"], 0.95)
        self.assertTrue(result["passages"])
        first = result["passages"][0]
        a_text = STORY[first["a_begin"]:first["a_end"]]
        b_text = edited[first["b_begin"]:first["b_end"]]
        self.assertEqual(a_text.split()[-3:], b_text.split()[-3:])
        self.assertIn("cut", {g["kind"] for g in result["gaps"]})

    def test_threads_share_the_module(self):
        results = []

        def work():
            results.append(reprint.compare(TRIMMED, STORY)["relation"])

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(results, ["contained"] * 4)


class DedupTest(unittest.TestCase):
    def test_in_memory_documents(self):
        result = reprint.dedup([("full", STORY), ("half", TRIMMED), ("copy", STORY),
                                {"id": "other", "text": OTHER}])
        self.assertEqual(result["stats"]["documents"], 4)
        self.assertEqual(len(result["clusters"]), 1)
        cluster = result["clusters"][0]
        self.assertEqual(cluster["canonical"], "copy")  # equally complete: the smaller id
        relations = {m["id"]: m["relation"] for m in cluster["members"]}
        self.assertEqual(relations, {"copy": "canonical", "full": "exact", "half": "contained"})

    def test_a_document_without_text_is_a_value_error(self):
        with self.assertRaises(ValueError):
            reprint.dedup([{"id": "x"}])

    def test_unreadable_inputs_are_counted_and_named(self):
        result = reprint.dedup_files(["/nonexistent/reprint-input.jsonl"])
        self.assertEqual(result["stats"]["skipped"], 1)
        self.assertIn("/nonexistent/reprint-input.jsonl", result["problems"][0])

    @unittest.skipUnless(os.path.isdir(os.path.join(os.environ.get("REPRINT_SHARED_DIR", ""), "seeds")),
                         "../shared/seeds not present")
    def test_seeds_founding_case(self):
        seeds = os.path.join(os.environ["REPRINT_SHARED_DIR"], "seeds")
        result = reprint.dedup_files([seeds])
        self.assertEqual(len(result["clusters"]), 1)
        cluster = result["clusters"][0]
        self.assertTrue(cluster["canonical"].endswith("000_a8164169bb56fdff.txt"))
        members = sorted(os.path.basename(m["id"])[:3] for m in cluster["members"])
        self.assertEqual(members, ["000", "001"])


class StoriesTest(unittest.TestCase):
    def test_reports_on_one_event_share_a_story(self):
        storm = ("Storm Ciaran hit the Cornish coast on Thursday, cutting power to 150,000 homes. "
                 "The Met Office said winds reached 100 mph at Falmouth harbour. ")
        election = ("Voters in Ruritania elected Maria Kovacs as president on Sunday. "
                    "Kovacs won 54 percent of the vote, the electoral commission said in Strelsau. ")
        docs = [
            ("storm-1", storm + "Trains between Penzance and Plymouth were cancelled."),
            ("election-1", election + "Her rival conceded defeat late on Sunday night."),
            ("storm-2", "Power cuts hit 150,000 homes as Storm Ciaran struck Cornwall's coast, the Met Office "
                        "reporting 100 mph winds at Falmouth harbour on Thursday."),
            ("election-2", "Maria Kovacs won Ruritania's presidential election with 54 percent of the vote, "
                           "the electoral commission in Strelsau said on Sunday."),
        ]
        result = reprint.stories(docs)
        story_of = {m: s["id"] for s in result["stories"] for m in s["members"]}
        self.assertEqual(story_of["storm-1"], story_of["storm-2"])
        self.assertEqual(story_of["election-1"], story_of["election-2"])
        self.assertNotEqual(story_of["storm-1"], story_of["election-1"])


class CopyIndexTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="reprint-py-index-")
        self.path = os.path.join(self.tmp.name, "index")

    def tearDown(self):
        self.tmp.cleanup()

    def test_add_query_get_delete_and_reopen(self):
        with reprint.CopyIndex(self.path, memory_mb=256, sync=False) as index:
            answers = index.add([{"id": "full", "text": STORY}, {"id": "other", "text": OTHER}])
            self.assertEqual([a["stored"] for a in answers], [True, True])
            half = index.add([{"id": "half", "text": TRIMMED, "date": "2026-11-20"}])[0]
            self.assertEqual(half["copy_of"], "full")
            self.assertEqual(half["relation"], "contained")
            self.assertEqual(half["cluster"]["size"], 2)
            query = index.query({"id": "q", "text": STORY})
            self.assertFalse(query["stored"])
            self.assertEqual(query["copy_of"], "full")
            self.assertEqual(query["relation"], "exact")
            cluster = index.cluster(half["cluster"]["id"])
            self.assertEqual(cluster["canonical"], "full")
            self.assertEqual({m["id"] for m in cluster["members"]}, {"full", "half"})
            self.assertIsNotNone(index.story(half["story"]))
            self.assertEqual(index.get("half", text=True)["text"], TRIMMED.strip())
            self.assertIsNone(index.get("missing"))
            self.assertIsNone(index.cluster(987654))
            self.assertTrue(index.delete("other"))
            self.assertFalse(index.delete("other"))
            index.compact()
            index.check()
        with reprint.CopyIndex(self.path) as index:  # acknowledged writes persist
            stats = index.stats()
            self.assertEqual(stats["documents"], 2)
            self.assertEqual(stats["clusters"], 1)
            self.assertIsNone(index.get("other"))
            self.assertEqual(index.get("full")["cluster"], half["cluster"]["id"])

    def test_html_bytes_and_numeric_ids_are_read_as_given(self):
        page = ("<html><head><meta charset=\"windows-1252\"></head><body><article><p>Caf\xe9 owners said "
                + STORY + "</p></article></body></html>").encode("windows-1252")
        with reprint.CopyIndex(self.path, sync=False) as index:
            answer = index.add([{"id": 42, "html": page}])[0]
            self.assertEqual(answer["id"], "42")
            self.assertTrue(answer["stored"])
            self.assertIn("Caf\u00e9 owners said", index.get("42", text=True)["text"])
            self.assertEqual(index.query({"id": "q", "text": STORY})["copy_of"], "42")

    def test_bad_documents_and_closed_index(self):
        index = reprint.CopyIndex(self.path, sync=False)
        with self.assertRaises(ValueError):
            index.add([{"text": "no id"}])
        with self.assertRaises(ValueError):
            index.query({"id": "no text"})
        index.close()
        with self.assertRaises(RuntimeError):
            index.stats()

    def test_threads_add_while_another_closes(self):
        index = reprint.CopyIndex(self.path, sync=False)
        outcomes = []

        def add(worker):
            for i in range(20):
                try:
                    index.add([{"id": f"w{worker}-{i}", "text": words(100 * worker + i, 80)}])
                    outcomes.append("added")
                except RuntimeError as e:
                    self.assertIn("closed", str(e))
                    outcomes.append("closed")

        threads = [threading.Thread(target=add, args=(w,)) for w in range(4)]
        for t in threads:
            t.start()
        index.close()
        for t in threads:
            t.join()
        self.assertEqual(len(outcomes), 80)
        with reprint.CopyIndex(self.path) as reopened:  # whatever was added before the close is there
            self.assertEqual(reopened.stats()["documents"], outcomes.count("added"))
            reopened.check()

    def test_one_directory_one_open_index(self):
        with reprint.CopyIndex(self.path, sync=False):
            with self.assertRaises(RuntimeError):
                reprint.CopyIndex(self.path, sync=False)


if __name__ == "__main__":
    unittest.main()
