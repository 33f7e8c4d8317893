"""The search separator in mkdocs.yml is the one tools/search_separator.py makes from its named
stop-word list, and it splits text as the README promises."""

import re

import yaml

from search_separator import LUNR_STOP_WORDS, MKDOCS_YML, configured_separator, separator


def test_mkdocs_yml_holds_the_generated_separator():
    text = MKDOCS_YML.read_text(encoding="utf-8")
    assert yaml.safe_load(configured_separator(text)) == separator(), \
        "mkdocs.yml's search separator is stale: run `python tools/search_separator.py`"


def test_it_splits_at_punctuation_and_stop_words_but_keeps_numbers_and_words_whole():
    split = [word for word in re.split(separator(), "How is List(NACL) in a VPC, and S3 at 2.5 GB?") if word]
    assert split == ["List", "NACL", "VPC", "S3", "2.5", "GB"]
    assert [w for w in re.split(separator(), "android instance another") if w] == ["android", "instance",
                                                                                   "another"]
    assert len(LUNR_STOP_WORDS) == 119
