"""The reviewed vocabulary file: its schema, and one clear sentence for each way to break it."""

import pytest

from vocabulary import EMPTY, VocabularyError, load_vocabulary, parse_vocabulary


def test_the_sites_vocabulary_loads():
    from sitebuild import ROOT
    vocabulary = load_vocabulary(ROOT / "hooks" / "vocabulary.yml")
    assert vocabulary.aliases and vocabulary.generic_headings and vocabulary.everyday_words
    assert all(heading == heading.lower() for heading in vocabulary.generic_headings)


def test_a_site_without_one_has_an_empty_vocabulary(tmp_path):
    assert load_vocabulary(tmp_path / "vocabulary.yml") == EMPTY


def test_a_valid_file(tmp_path):
    path = tmp_path / "vocabulary.yml"
    path.write_text("aliases:\n  ALB: Application Load Balancer\n  SMS: null\n"
                    "generic_headings:\n  - Use Cases\neveryday_words:\n  - Backup\n")
    vocabulary = load_vocabulary(path)
    assert vocabulary.aliases == {"ALB": "Application Load Balancer", "SMS": None}
    assert vocabulary.generic_headings == {"use cases"} and vocabulary.everyday_words == {"Backup"}


@pytest.mark.parametrize("text, message", [
    ("- ALB: Application Load Balancer\n", "expected the keys aliases, generic_headings, everyday_words, found a list"),
    ("aliases:\n  - ALB: Application Load Balancer\n",
     "'aliases' must be a mapping of Name: Heading Title, not a list"),
    ("aliases:\n  ALB: [Application Load Balancer]\n", "aliases: entry 'ALB: ['Application Load Balancer']' must be"),
    ("generic_headings: Security\n", "'generic_headings' must be a list of headings, not a text"),
    ("everyday_words:\n  - Backup\n  - {Batch: 1}\n", "everyday_words: entry {'Batch': 1} must be a non-empty text"),
    ("alias:\n  ALB: Application Load Balancer\n", "unknown key 'alias'"),
    ("aliases:\n  ALB: Application Load Balancer\n   NLB: x\n", "hooks/vocabulary.yml:3: not valid YAML"),
])
def test_a_malformed_file_names_the_file_and_the_entry(tmp_path, text, message):
    path = tmp_path / "vocabulary.yml"
    path.write_text(text)
    with pytest.raises(VocabularyError) as error:
        load_vocabulary(path)
    assert str(error.value).startswith("hooks/vocabulary.yml")
    assert message in str(error.value)


def test_an_empty_file_is_an_empty_vocabulary():
    assert parse_vocabulary({}) == EMPTY
