"""The held-out evaluation sets in tests/labels/heldout/ stay exactly as written.

A helper that had seen neither the site nor its search results wrote them from docs/ alone on
2026-11-27, before the search ranking (search.yml: 224 queries), the acronym account
(acronyms.yml: 128 defined meanings, 159 tokens used but never spelled out) and the numbers
extractor (numbers.yml: 695 lines of 14 pages, each labelled quantity or not) were built or
tuned. Quality tests report them beside their development sets; nothing is ever tuned on them.
A change to one of these files is a new held-out set: write it blind again, then change its hash.
"""

import hashlib

import pytest
import yaml

from sitebuild import ROOT

pytestmark = pytest.mark.measures  # the measures' own data: checked where they run

FROZEN = {
    "search.yml": "073edc786cef0a6848f720c1e0821c09bb97da40e52c89d854a330c6e9652b64",
    "acronyms.yml": "7e5fe5851e2696cafeee6a9d9ec6decf001ba728f5bf9e78a055602000c4992c",
    "numbers.yml": "e32f8dbeaec03e896b56a7ef3286739e2dc87249a70d1de1052bd49fd5b6fe9f",
}


@pytest.mark.parametrize("name", FROZEN)
def test_a_held_out_set_is_frozen(name):
    data = (ROOT / "tests" / "labels" / "heldout" / name).read_bytes()
    assert hashlib.sha256(data).hexdigest() == FROZEN[name], f"{name} changed: held-out sets are never edited"
    assert yaml.safe_load(data)
