/* The site's search worker. It speaks Material's worker protocol (SETUP 0, READY 1, QUERY 2,
 * RESULT 3; results are Material's SearchItem[][], one array per page), so the theme's search box,
 * suggestions, highlighting, sharing and keyboard work unchanged; overrides/main.html points the
 * theme at this file instead of Material's worker.
 *
 * Why not Material's worker: it adds a trailing wildcard to every query word and switches off
 * lunr's length normalisation, and neither is settable from mkdocs.yml; so a page whose title
 * starts with a query word beats the answer, and questions in a student's words rarely find their
 * section. Here lunr 2.3.9 (vendored, lunr-2.3.9.min.js) runs with its standard pipeline:
 *   - stemming and stop words, BM25 with length normalisation (b = 0.75), title weight 1;
 *   - a prefix match only for the word being typed (the last one, unless the query ends in a space);
 *   - "exact phrases" in quotes; words of 6 letters or more also match at edit distance 1
 *     ("cloudfromation");
 *   - an acronym also matches its expansion and back (KMS, Key Management Service): the pairs come
 *     from the build's term index (hooks/search_index.py);
 *   - S3, EC2, SSE-KMS, Lambda@Edge, 256 KB and 256KB stay findable as typed: a joined word is
 *     indexed whole and in parts, a number with its unit both ways;
 *   - a section whose words come in the query's order (two in a row) ranks higher;
 *   - results show the lines (list item, paragraph, table row) that matched, not whole sections.
 * The documents are not fetched with the page: the theme fetches search_index.json (settings only)
 * and this worker fetches search/search_documents.json when search is opened, or when the pointer
 * or focus first reaches the search box (overrides/main.html tells it); from file://, where
 * Material only starts the worker once search is opened, search_documents.js as a script. That
 * file holds the lunr index the site's build made of the documents (hooks/search_lunr.py, the same
 * index this file's Searcher would build, which a browser test checks), so opening search loads an
 * index instead of building one.
 */
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
const TITLE_BOOST = 1.5;
const PAGE_TITLE_BOOST = 0.5;          // a title is a short field: BM25 already favours it
const PREFIX_BOOST = 0.6;       // a completion of the word being typed counts less than the word
const PREFIX_BOOST_AFTER_WORD = 0.2;
const FUZZY_BOOST = 0.4;        // so does a word one typo away
const GLOSSARY_BOOST = 0.7;     // and the other half of an acronym pair
const FUZZY_MIN_LENGTH = 6;
const BIGRAM_WEIGHT = 0.6;      // bonus for query words that stand next to each other in a section
const COVERAGE_WEIGHT = 1.0;    // bonus for sections that hold more of the query's words
// Shorthand students type and the notes spell out (or the other way): each matches the other.
const SHORTHAND = {
  max: "maximum", min: "minimum", config: "configuration", db: "database", auth: "authentication",
  env: "environment", repo: "repository", info: "information", temp: "temporary", app: "application",
  async: "asynchronous", sync: "synchronous", perf: "performance", msg: "message", dev: "development",
  prod: "production", doc: "document", docs: "documents", admin: "administrator"
};
const SHORTHAND_BOOST = 0.8;
const MAX_LINES = 3;            // lines shown per section
const MAX_PAGES = 50;           // pages listed: beyond these, a match is a stray word

// ---- text ---------------------------------------------------------------------------------------

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", "#39": "'", nbsp: " " };

function plain(html) {
  return html.replace(/<[^>]*>/g, " ").replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e) => ENTITIES[e]);
}

// A word: letters and digits, joined by - . @ _ / + ' inside (SSE-KMS, Lambda@Edge, us-east-1, 2.5).
const WORD = /[\p{L}\p{N}]+(?:[-.@_/+'’][\p{L}\p{N}]+)*/gu;
const NUMBER_UNIT = /^(\d+(?:\.\d+)?)([a-z]{1,3})$/;   // 256kb -> 256 kb
const UNIT = /^[a-z]{1,3}$/;

/** The words of a text, lower case, each with its parts when it is joined (see WORD), and a number
 * with its unit both joined and apart. Each entry: [token, start, length, isPart]. */
function words(text) {
  const out = [];
  let previous = null;
  for (const match of text.matchAll(WORD)) {
    const word = match[0].toLowerCase().replace(/’/g, "'");
    const start = match.index;
    out.push([word, start, word.length, false]);
    if (/[-.@_/+']/.test(word) && !/^\d+(\.\d+)?$/.test(word)) {
      for (const part of word.matchAll(/[\p{L}\p{N}]+/gu))
        out.push([part[0], start + part.index, part[0].length, true]);
    }
    const split = NUMBER_UNIT.exec(word);
    if (split) {
      out.push([split[1], start, split[1].length, true]);
      out.push([split[2], start + split[1].length, split[2].length, true]);
    } else if (previous && /^\d+(\.\d+)?$/.test(previous[0]) && UNIT.test(word)
               && start - (previous[1] + previous[2]) <= 1) {
      out.push([previous[0] + word, previous[1], start + word.length - previous[1], true]);
    }
    previous = [word, start, word.length];
  }
  return out;
}

function tokenizer(obj) {
  if (obj == null) return [];
  const text = Array.isArray(obj) ? obj.join(" ") : String(obj);
  return words(text).map(([token, start, length]) =>
    new lunr.Token(token, { position: [start, length] }));
}

// The index side of the pipeline, for one word: lower-cased word -> index term, or "" (stop word).
const stems = new Map();         // word -> index term, for the words seen so far
function stem(word) {
  let term = stems.get(word);
  if (term === undefined) stems.set(word, term = stemUncached(word));
  return term;
}

function stemUncached(word) {
  const token = new lunr.Token(word, {});
  const trimmed = lunr.trimmer(token);
  if (!trimmed || !lunr.stopWordFilter(trimmed)) return "";
  return lunr.stemmer(trimmed).toString();
}

/** Material's text as lines: each paragraph, list item (without its sub-list) or code block. */
function lines(html) {
  const out = [];
  for (const piece of html.split(/<\/?(?:p|li|ul|ol|pre)>/)) {
    const line = piece.trim();
    if (line && /[\p{L}\p{N}]/u.test(plain(line))) out.push(line);
  }
  return out;
}

/** Wrap the words of an HTML line whose index term is in `terms` in <mark>. */
function mark(html, terms) {
  return html.replace(/(<[^>]*>)|([^<]+)/g, (all, tag, text) => {
    if (tag) return tag;
    return text.replace(WORD, word => {
      const lower = word.toLowerCase();
      const hit = terms.has(stem(lower)) || words(lower).some(([t]) => terms.has(stem(t)));
      return hit ? `<mark>${word}</mark>` : word;
    });
  });
}

// ---- the index ----------------------------------------------------------------------------------

class Searcher {
  /** `built`: the index the site's build made of these documents (hooks/search_lunr.py): lunr's
   * serialised index and each section's words as term numbers; without it, it is built here. */
  constructor(documents, options, built) {
    this.docs = documents.docs;
    this.options = options || {};
    this.pages = new Map();                 // page location -> its first document
    this.docs.forEach(doc => {
      const page = doc.location.split("#")[0];
      if (!this.pages.has(page)) this.pages.set(page, doc);
    });
    const docs = this.docs, pages = this.pages;
    this.index = built ? lunr.Index.load(built.index) : lunr(function () {
      this.tokenizer = tokenizer;
      this.ref("id");
      this.field("title", { boost: TITLE_BOOST });
      this.field("text");
      // A section is about its page's subject: "lambda max timeout" finds Lambda's limits section,
      // whose own words never say "Lambda".
      this.field("page", { boost: PAGE_TITLE_BOOST });
      docs.forEach((doc, id) => this.add({ id, title: plain(doc.title), text: plain(doc.text),
                                           page: doc.location.includes("#") ? plain(pages.get(doc.location.split("#")[0]).title) : "" },
                                         { boost: doc.boost || 1 }));
    });
    // Each section's words as index terms in order, stop words skipped, as term numbers (the
    // index's _index): which query words stand next to each other there.
    this.sequences = built ? built.sequences : docs.map(doc => {
      const sequence = [];
      for (const [token, , , part] of words(this.plainText(doc))) {
        if (part) continue;
        const term = stem(token);
        if (!term) continue;
        const posting = this.index.invertedIndex[term];
        sequence.push(posting ? posting._index : -1);
      }
      return sequence;
    });
    this.pairs = new Map();                 // document number -> its pairs, when first needed
    if (built && built.stems) for (const [word, term] of Object.entries(built.stems)) stems.set(word, term);
    this.shorthand = new Map();             // index term -> the index term of its other form
    for (const [short, long] of Object.entries(SHORTHAND)) {
      this.shorthand.set(stem(short), stem(long));
      this.shorthand.set(stem(long), stem(short));
    }
    // Glossary: acronym <-> expansion, as lists of index terms.
    this.expansions = new Map();            // acronym term -> [[terms of an expansion], ...]
    this.acronyms = [];                     // [[terms of an expansion], acronym term]
    for (const [acronym, expansions] of Object.entries(documents.glossary || {})) {
      const key = stem(acronym.toLowerCase());
      if (!key) continue;
      for (const expansion of expansions) {
        const terms = words(expansion).filter(w => !w[3]).map(w => stem(w[0])).filter(Boolean);
        if (!terms.length) continue;
        if (!this.expansions.has(key)) this.expansions.set(key, []);
        this.expansions.get(key).push(terms);
        this.acronyms.push([terms, key]);
      }
    }
  }

  /** A section's title and text as plain text, and its lines (see `lines`): made when needed. */
  plainText(doc) {
    if (doc.plainText === undefined) doc.plainText = plain(doc.title + " \n " + doc.text);
    return doc.plainText;
  }

  linesOf(doc) {
    if (doc.lines === undefined) doc.lines = lines(doc.text);
    return doc.lines;
  }

  /** Whether two index terms stand next to each other (stop words aside) in document `ref`. */
  adjacent(ref, first, second) {
    const a = this.index.invertedIndex[first], b = this.index.invertedIndex[second];
    if (!a || !b) return false;
    let pairs = this.pairs.get(ref);
    if (!pairs) {
      pairs = new Set();
      const sequence = this.sequences[ref];
      for (let i = 1; i < sequence.length; i++) pairs.add(sequence[i - 1] * 1048576 + sequence[i]);
      this.pairs.set(ref, pairs);
    }
    return pairs.has(a._index * 1048576 + b._index);
  }

  /** Index terms within edit distance 1 of `term`, or starting with `prefix`. */
  expand(term, { fuzzy = false, prefix = false } = {}) {
    const set = prefix ? lunr.TokenSet.fromString(term + "*") : lunr.TokenSet.fromFuzzyString(term, 1);
    return this.index.tokenSet.intersect(set).toArray().filter(t => t !== term && (fuzzy || prefix));
  }

  /** The query as groups of alternatives: one group per word the student typed. */
  parse(query) {
    const phrases = [];
    const rest = query.replace(/"([^"]*)"?/g, (_, phrase) => { phrases.push(phrase); return " " + phrase + " "; });
    const typing = !/[\s"]$/.test(query);
    const found = words(rest).filter(w => !w[3]);
    const groups = [];
    found.forEach(([word], i) => {
      const term = stem(word);
      const alternatives = new Map();       // index term -> boost
      if (term) alternatives.set(term, 1);
      // the joined word's parts count too (SSE-KMS also finds "SSE KMS")
      for (const [part] of words(word).filter(w => w[3])) {
        const p = stem(part);
        if (p && !alternatives.has(p)) alternatives.set(p, 0.5);
      }
      // A completion counts less when what is typed is already a word of the notes ("light" is
      // not a half-typed "Lightsail").
      if (i === found.length - 1 && typing && word.length >= 2) {
        const boost = term && this.index.invertedIndex[term] ? PREFIX_BOOST_AFTER_WORD : PREFIX_BOOST;
        for (const t of this.expand(word, { prefix: true }))
          if (!alternatives.has(t)) alternatives.set(t, boost);
      }
      const other = this.shorthand.get(term);
      if (other && !alternatives.has(other)) alternatives.set(other, SHORTHAND_BOOST);
      if (term && word.length >= FUZZY_MIN_LENGTH && !/\d/.test(word))
        for (const t of this.expand(term, { fuzzy: true }))
          if (!alternatives.has(t)) alternatives.set(t, FUZZY_BOOST);
      if (alternatives.size) groups.push({ word, term, alternatives });
    });
    // Glossary, both ways: "kms" also finds "key management service", and back.
    const terms = groups.map(g => g.term);
    for (const group of [...groups]) {
      for (const expansion of this.expansions.get(group.term) || [])
        for (const t of expansion)
          if (!group.alternatives.has(t)) group.alternatives.set(t, GLOSSARY_BOOST / expansion.length);
    }
    for (const [expansion, acronym] of this.acronyms) {
      if (expansion.length < 2 || terms.includes(acronym)) continue;
      const at = terms.findIndex((t, i) => expansion.every((e, j) => terms[i + j] === e));
      if (at >= 0) groups[at].alternatives.set(acronym, Math.max(groups[at].alternatives.get(acronym) || 0, GLOSSARY_BOOST));
    }
    return { groups, phrases, terms: terms.filter(Boolean) };
  }

  search(query) {
    const { groups, phrases, terms } = this.parse(query);
    if (!groups.length) return { items: [] };
    const hits = this.index.query(q => {
      for (const group of groups)
        for (const [term, boost] of group.alternatives)
          q.term(term, { usePipeline: false, boost });
    });
    const phraseKeys = phrases.map(p => normalise(p)).filter(Boolean);
    const bigrams = [];
    for (let i = 1; i < terms.length; i++) bigrams.push([terms[i - 1], terms[i]]);
    const scored = [];
    for (const { ref, score, matchData } of hits) {
      const doc = this.docs[+ref];
      if (phraseKeys.length && !phraseKeys.every(p => normalise(this.plainText(doc)).includes(p))) continue;
      const matched = new Set(Object.keys(matchData.metadata));
      const covered = groups.filter(g => [...g.alternatives.keys()].some(t => matched.has(t))).length;
      const coverage = covered / groups.length;
      const pairs = bigrams.length ? bigrams.filter(([a, b]) => this.adjacent(+ref, a, b)).length / bigrams.length : 0;
      const final = score * (1 + COVERAGE_WEIGHT * coverage * coverage) * (1 + BIGRAM_WEIGHT * pairs);
      scored.push({ doc, score: final, matched, groups });
    }
    scored.sort((a, b) => b.score - a.score);
    return { items: this.group(scored), ...(this.options.suggest ? { suggest: this.suggest(groups) } : {}) };
  }

  /** Material's shape: per page (best first) its matching sections, the page itself included. */
  group(scored) {
    const pages = new Map();
    for (const hit of scored) {
      const page = hit.doc.location.split("#")[0];
      if (!pages.has(page)) {
        if (pages.size === MAX_PAGES) continue;
        pages.set(page, []);
      }
      pages.get(page).push(this.item(hit));
    }
    for (const [page, items] of pages)
      if (!items.some(item => item.location === page)) {
        const doc = this.pages.get(page);
        items.push({ location: doc.location, title: doc.title, text: "", score: 0, terms: {} });
      }
    return [...pages.values()];
  }

  item({ doc, score, matched, groups }) {
    const termsOf = {};
    for (const g of groups) termsOf[g.word] = [...g.alternatives.keys()].some(t => matched.has(t));
    const hitsIn = line => {
      const found = new Set(words(plain(line)).map(w => stem(w[0])));
      return groups.filter(g => [...g.alternatives.keys()].some(t => matched.has(t) && found.has(t))).length;
    };
    const ranked = this.linesOf(doc).map((line, i) => [line, i, hitsIn(line)]).filter(l => l[2] > 0);
    ranked.sort((a, b) => b[2] - a[2] || a[1] - b[1]);
    const shown = (ranked.length ? ranked.slice(0, MAX_LINES) : this.linesOf(doc).slice(0, 1).map((l, i) => [l, i]))
      .sort((a, b) => a[1] - b[1]);
    return {
      location: doc.location,
      title: mark(doc.title, matched),
      text: shown.map(([line]) => `<p>${mark(line, matched)}</p>`).join(""),
      score,
      terms: termsOf
    };
  }

  /** Material's suggestion: the words of the best title that holds every query word, as written
   * there (Material completes the last word typed with the last of these). */
  suggest(groups) {
    const hits = this.index.query(q => {
      groups.forEach((g, i) => {
        const last = i === groups.length - 1;
        q.term(last ? g.word : g.term || g.word, { fields: ["title"], presence: lunr.Query.presence.REQUIRED,
          wildcard: last ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE, usePipeline: false });
      });
    });
    if (!hits.length) return [];
    const matched = new Set(Object.keys(hits[0].matchData.metadata));
    const title = plain(this.docs[+hits[0].ref].title);
    return words(title).filter(w => !w[3] && matched.has(stem(w[0]))).map(w => w[0]);
  }
}

function normalise(text) {
  return " " + words(text).filter(w => !w[3]).map(w => w[0]).join(" ") + " ";
}

// ---- the worker ---------------------------------------------------------------------------------

/** This script's address: in a worker, its location; from file://, Material runs it in an iframe
 * (iframe-worker) whose only script is this one. */
function scriptUrl() {
  if (typeof document !== "undefined") {
    const script = document.querySelector("script[src]");
    if (script) return script.src;
  }
  return self.location.href;
}

async function load(base) {
  const here = new URL(".", base);
  const documents = new URL("../../search/search_documents", here);
  if (documents.protocol === "file:") {
    await importScripts(new URL("lunr-2.3.9.min.js", here).href);
    await importScripts(documents.href + ".js");
    return self.searchDocuments;
  }
  // The documents download while lunr loads.
  const fetched = fetch(documents.href + ".json").then(response => {
    if (!response.ok) throw new Error(`${documents.href}.json: ${response.status}`);
    return response.json();
  });
  await importScripts(new URL("lunr-2.3.9.min.js", here).href);
  return fetched;
}

let options = {};
let ready = false;              // SETUP has come
let opened = false;             // the page says search was opened
let searcher = null;
let loading = null;
let latest = null;              // the query to answer once the documents are in

function start() {
  if (!loading)
    loading = load(scriptUrl()).then(documents => {
      // The build's index (search_documents.json holds it); built here only if it is missing.
      searcher = new Searcher(documents, options, documents.index ? documents : null);
      if (latest !== null) answer(latest);
    }).catch(error => console.error("search: could not load the documents", error));
  return loading;
}

function answer(query) {
  let data;
  try {
    data = searcher.search(query);
  } catch (error) {
    console.warn(`search: could not answer ${JSON.stringify(query)}`, error);
    data = { items: [] };
  }
  postMessage({ type: RESULT, data });
}

function handle(message) {
  switch (message.type) {
    case SETUP:
      options = message.data.options || {};
      ready = true;
      postMessage({ type: READY });
      // From file:// Material sets up search only once it is opened: load now.
      if (opened || new URL(scriptUrl()).protocol === "file:") start();
      break;
    case QUERY:
      if (searcher) return answer(message.data);
      latest = message.data;
      // The empty query Material sends at page load does not fetch the documents; opening
      // search (overrides/main.html says so) or the first typed query does (the box shows
      // "Initializing search" meanwhile).
      if (latest.trim()) start();
      break;
  }
}

if (typeof module !== "undefined" && module.exports) {
  module.exports = { Searcher, words, lines, mark, setLunr: l => { globalThis.lunr = l; } };
} else {
  addEventListener("message", event => handle(event.data));
  try {
    new BroadcastChannel("search-worker").onmessage = () => {
      opened = true;
      if (ready) start();
    };
  } catch (error) {
    // no channel (an opaque origin): the first typed query loads the documents
  }
}
