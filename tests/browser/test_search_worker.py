"""The site's search worker (overrides/assets/javascripts/search-worker.js) as a student meets it:
the words students type are found as typed, results show the lines that matched, and no page
downloads the search documents before search is opened."""

from __future__ import annotations

import pytest

from search_ui import open_search, rank_of, search

# Tokens as students type them (the issue "Search that finds what a student means") -> the page.
TYPED = {
    "S3 Glacier Deep Archive": "s3/storage-classes/",
    "EC2 user data": "ec2/ec2-user-data/",
    "SSE-KMS": "s3/security/",
    "SSE KMS": "s3/security/",
    "256 KB": "cloud-integration-messaging/amazon-sqs/",
    "256KB": "cloud-integration-messaging/amazon-sqs/",
    "Lambda@Edge": "global-applications/aws-cloudfront/#lambdaedge",
    "geoproximity": "global-applications/route-53/",
    "cloudfromation": "deploying-and-managing/cloudformation/",
    "key management service": "security-compliance/aws-kms-key-management-service/",
    '"dead letter queue"': "cloud-integration-messaging/amazon-sqs/#dead-letter-queue",
}


@pytest.fixture
def search_page(page, served_site):
    page.goto(served_site)
    open_search(page)
    return page


@pytest.mark.parametrize("query", TYPED)
def test_a_word_as_typed_finds_its_page(search_page, served_site, query):
    results = search(search_page, served_site, query)
    assert rank_of(TYPED[query], results) in (1, 2, 3), [links[0] for links in results[:3]]


def test_a_result_shows_the_lines_that_matched_not_the_whole_section(search_page, served_site):
    search(search_page, served_site, "ephemeral port")
    teaser = search_page.locator(".md-search-result__item").first.locator("article").nth(1)
    paragraphs = teaser.locator("p:not(.md-search-result__terms)")
    assert 1 <= paragraphs.count() <= 3
    # each line shown holds a word of the query, highlighted
    assert all("port" in text.lower() for text in paragraphs.all_inner_texts())
    assert all(paragraphs.nth(i).locator("mark").count() >= 1 for i in range(paragraphs.count()))


def test_no_page_downloads_the_documents_before_search_is_opened(page, served_site):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(served_site, wait_until="networkidle")
    page.wait_for_timeout(300)
    assert any(url.endswith("search/search_index.json") for url in requested)  # settings only
    assert not any("search_documents" in url for url in requested)
    open_search(page)
    page.wait_for_function("""() => !/Initializing/i.test(
        document.querySelector('.md-search-result__meta').textContent)""")
    assert any(url.endswith("search/search_documents.json") for url in requested)
    assert page.context.traffic.errors == []


_BUILT_HERE = """async () => {
  const documents = await (await fetch('search_documents.json')).json();
  const here = new Searcher({ docs: documents.docs, glossary: documents.glossary }, {}, null);
  const index = here.index.toJSON();
  // key order aside (lunr.js writes a posting's _index first, lunr.py last)
  const sorted = (key, value) => value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))) : value;
  const differ = (a, b) => JSON.stringify(a, sorted) !== JSON.stringify(b, sorted);
  const terms = index.invertedIndex.filter(([t, p], i) => differ([t, p], documents.index.invertedIndex[i]));
  const vectors = index.fieldVectors.filter((v, i) => differ(v, documents.index.fieldVectors[i]));
  const sequences = here.sequences.filter((s, i) => differ(s, documents.sequences[i]));
  return { terms: [index.invertedIndex.length, documents.index.invertedIndex.length, terms.slice(0, 3)],
           vectors: [index.fieldVectors.length, documents.index.fieldVectors.length, vectors.slice(0, 3)],
           sequences: [here.sequences.length, documents.sequences.length, sequences.length],
           same: !differ(index, documents.index) && !differ(here.sequences, documents.sequences) };
}"""


def test_the_index_the_build_made_is_the_one_the_worker_would_build(page, served_site):
    """hooks/search_lunr.py builds the worker's lunr index with lunr.py, copying the worker's
    tokenizer and lunr.js's pipeline; here the worker's own code builds it in the browser from the
    same documents, and the two must be equal: every term, posting, score and word pair."""
    page.goto(served_site + "search/search_index.json")
    page.add_script_tag(url=served_site + "assets/javascripts/lunr-2.3.9.min.js")
    page.add_script_tag(url=served_site + "assets/javascripts/search-worker.js")
    found = page.evaluate(_BUILT_HERE)
    assert found["same"], found


def test_pointing_at_the_search_box_starts_the_download_before_it_is_opened(page, served_site):
    """A reader who moves to the search box gets a head start: the documents and the index are on
    their way before the click (overrides/main.html)."""
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(served_site + "ec2/", wait_until="networkidle")
    page.mouse.move(5, 300)
    page.wait_for_timeout(300)
    assert not any("search_documents" in url for url in requested)
    page.hover(".md-search__input" if page.locator(".md-search__input").is_visible()
               else "label[for='__search']")
    for _ in range(50):
        if any("search_documents" in url for url in requested):
            break
        page.wait_for_timeout(100)
    assert any(url.endswith("search/search_documents.json") for url in requested)
    assert not page.locator("#__search").is_checked()
