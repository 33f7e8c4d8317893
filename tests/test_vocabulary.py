"""The reviewed vocabulary file: its schema, and one clear sentence for each way to break it."""

import pytest

from vocabulary import EMPTY, VocabularyError, load_vocabulary, parse_vocabulary


def test_the_sites_vocabulary_loads():
    from sitebuild import ROOT
    vocabulary = load_vocabulary(ROOT / "hooks" / "vocabulary.yml")
    assert vocabulary.aliases and vocabulary.generic_headings and vocabulary.everyday_words
    assert vocabulary.standard["AWS"] == "Amazon Web Services" and "GB" in vocabulary.not_acronyms
    assert vocabulary.senses["SMS"] and vocabulary.accounts_for_acronyms
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
    ("- ALB: Application Load Balancer\n", "expected the keys aliases, generic_headings, everyday_words, standard, "
                                           "not_acronyms, senses, found a list"),
    ("aliases:\n  - ALB: Application Load Balancer\n",
     "'aliases' must be a mapping of Name: Heading Title, not a list"),
    ("aliases:\n  ALB: [Application Load Balancer]\n", "aliases: entry 'ALB: ['Application Load Balancer']' must be"),
    ("generic_headings: Security\n", "'generic_headings' must be a list of headings, not a text"),
    ("everyday_words:\n  - Backup\n  - {Batch: 1}\n", "everyday_words: entry {'Batch': 1} must be a non-empty text"),
    ("alias:\n  ALB: Application Load Balancer\n", "unknown key 'alias'"),
    ("aliases:\n  ALB: Application Load Balancer\n   NLB: x\n", "hooks/vocabulary.yml:3: not valid YAML"),
    ("standard:\n  ARN: \n", "standard: entry 'ARN: None' must be 'ACRONYM: Standard Expansion'"),
    ("standard:\n  Amazon: Amazon\n", "standard: entry 'Amazon' is not an acronym-like token"),
    ("standard:\n  ARNs: Amazon Resource Names\n", "standard: entry 'ARNs' is not an acronym-like token"),
    ("not_acronyms:\n  NO: the word no\n", "not_acronyms: entry False is not an acronym-like token"),
    ("not_acronyms:\n  GET: [HTTP verb]\n", "not_acronyms: entry 'GET: ['HTTP verb']' must be 'TOKEN: why"),
    ("standard:\n  GET: HTTP GET\nnot_acronyms:\n  GET: verb\n", "'GET' is in both standard and not_acronyms"),
    ("senses:\n  SMS: Short Message Service\n", "senses: SMS must map pages to expansions"),
    ("senses:\n  SMS:\n    amazon-sns: text\n", "senses: SMS: entry 'amazon-sns: text' must be 'topic/page.md"),
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
