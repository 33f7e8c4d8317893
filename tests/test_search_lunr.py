"""The search worker's index side in Python (hooks/search_lunr.py): words as the worker splits them,
lunr.js's pipeline for each, and the index's shape. The browser test
test_the_index_the_build_made_is_the_one_the_worker_would_build checks the whole index against
the worker's own code."""

from search_lunr import build_index, term, words

# lunr.js 2.3.9's stemmer, read off lunr.stemmer in node: a final y becomes i only after a consonant.
LUNR_JS_STEMS = {"way": "way", "gateway": "gateway", "display": "display", "key": "key", "sky": "ski",
                 "happy": "happi", "retrieval": "retriev", "retrieve": "retriev", "caresses": "caress",
                 "ponies": "poni", "relational": "relat", "generalization": "gener"}


def test_each_word_gets_lunr_js_index_term():
    assert {word: term(word) for word in LUNR_JS_STEMS} == LUNR_JS_STEMS
    assert term("the") is None and term("which") is None  # lunr's stop words
    assert term("café") == "caf"  # JavaScript's \W is ASCII: lunr.js trims the é


def test_words_are_split_as_the_worker_splits_them():
    tokens = [(word, part) for word, _, _, part in words("SSE-KMS, Lambda@Edge 256KB and 256 KB; 2.5")]
    assert tokens == [("sse-kms", False), ("sse", True), ("kms", True),
                      ("lambda@edge", False), ("lambda", True), ("edge", True),
                      ("256kb", False), ("256", True), ("kb", True), ("and", False),
                      ("256", False), ("kb", False), ("256kb", True), ("2.5", False)]


def test_the_index_is_lunr_js_serialised_form_with_the_word_pairs():
    docs = [{"location": "s3/", "title": "S3", "text": "<p>Buckets hold objects</p>"},
            {"location": "s3/#security", "title": "Security", "text": "<p>SSE-KMS encrypts the objects</p>",
             "boost": 0.3}]
    built = build_index(docs)
    index = built["index"]
    assert index["version"] == "2.3.9" and index["fields"] == ["title", "text", "page"]
    assert index["pipeline"] == ["stemmer"]
    postings = dict(index["invertedIndex"])
    assert postings["object"]["text"] == {"0": {}, "1": {}} and postings["s3"]["page"] == {"1": {}}
    assert [ref for ref, _ in index["fieldVectors"]][:3] == ["title/0", "text/0", "page/0"]
    number = {t: p["_index"] for t, p in postings.items()}
    # "the" is a stop word: "encrypts" and "objects" stand next to each other
    assert built["sequences"][1] == [number[t] for t in ("secur", "sse-km", "encrypt", "object")]
