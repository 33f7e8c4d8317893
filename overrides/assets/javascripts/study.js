/*
 * Study mode in the reader's browser: "Mark as studied" on notes pages, progress per topic in the
 * navigation and on the home page, export and import of progress, and the flashcard review
 * (scheduled by FSRS, from the vendored ts-fsrs.umd.js).
 *
 * Progress is one JSON object in localStorage, so it survives reloads, rebuilds (card ids are
 * hashes of source and content) and works from file:// (Chromium keeps one storage for file://).
 * Material's instant navigation swaps the page without reloading scripts: everything that
 * touches the page runs again on each `document$` emission; the one keyboard listener is global.
 */
(function () {
  "use strict";

  var STORE = "aws-associate-notes:study";
  var VERSION = 1;
  var SCRIPT = "assets/javascripts/study.js";
  // The site's root, from this script's own address: right on every page, served or file://.
  var ROOT = (function () {
    var src = document.currentScript ? document.currentScript.src : "";
    return src.slice(-SCRIPT.length) === SCRIPT ? src.slice(0, -SCRIPT.length) : new URL(".", location.href).href;
  })();
  var DATA = window.__studyData || { topics: [] };
  var GRADES = { 1: "Again", 2: "Hard", 3: "Good", 4: "Easy" };
  var review = null; // the review on the current page, if it is the Flashcards page
  var marks = [];     // redraws the current page's "Mark as studied" buttons

  // --- Progress: one object in localStorage ------------------------------------------------

  function emptyProgress() {
    return { version: VERSION, studied: {}, cards: {} };
  }

  function load() {
    try {
      var data = JSON.parse(localStorage.getItem(STORE));
      return problemsWith(data) ? emptyProgress() : data;
    } catch (error) {
      return emptyProgress();
    }
  }

  function save(progress) {
    try {
      localStorage.setItem(STORE, JSON.stringify(progress));
      return true;
    } catch (error) {
      return false;
    }
  }

  function isDate(text) {
    return typeof text === "string" && !isNaN(Date.parse(text));
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // Why `data` is not progress this site wrote ("" when it is).
  function problemsWith(data) {
    if (!isObject(data)) return "it does not hold a JSON object";
    if (data.version !== VERSION) return "it is not a progress file of this site (version " + VERSION + ")";
    if (!isObject(data.studied) || !isObject(data.cards)) return "it lacks the lists of studied pages and cards";
    for (var page in data.studied) {
      if (!isDate(data.studied[page])) return "the studied page " + page + " has no valid date";
    }
    for (var id in data.cards) {
      var card = data.cards[id];
      if (!isObject(card) || !isDate(card.due) || typeof card.stability !== "number" ||
          typeof card.difficulty !== "number" || typeof card.state !== "number") {
        return "card " + id + " has no valid schedule";
      }
    }
    return "";
  }

  // Two readers' progress (or two browsers'): every mark kept, each card's latest review kept.
  function merge(into, from) {
    var page, id;
    for (page in from.studied) {
      if (!(page in into.studied)) into.studied[page] = from.studied[page];
    }
    for (id in from.cards) {
      var mine = into.cards[id], theirs = from.cards[id];
      if (!mine || Date.parse(theirs.last_review || 0) > Date.parse(mine.last_review || 0)) into.cards[id] = theirs;
    }
    return into;
  }

  // --- Marks and progress per topic ----------------------------------------------------------

  function topicCounts(progress) {
    return DATA.topics.map(function (topic) {
      var done = topic.pages.filter(function (page) { return page in progress.studied; }).length;
      return { topic: topic, done: done, total: topic.pages.length };
    });
  }

  function setupMarks() {
    marks = [];
    document.querySelectorAll("button[data-study-page]").forEach(function (button) {
      var page = button.getAttribute("data-study-page");
      var note = button.parentNode.querySelector(".study-mark__note");
      if (!note) {
        note = document.createElement("span");
        note.className = "study-mark__note";
        button.parentNode.appendChild(note);
      }
      function show() {
        var when = load().studied[page];
        button.setAttribute("aria-pressed", when ? "true" : "false");
        note.textContent = when ? "Studied on " + new Date(when).toLocaleDateString() + "." : "";
      }
      button.addEventListener("click", function () {
        var current = load();
        if (current.studied[page]) delete current.studied[page];
        else current.studied[page] = new Date().toISOString();
        save(current);
        show();
        showProgress(current);
      });
      marks.push(show);
      show();
      button.parentNode.hidden = false;
    });
  }

  function showProgress(progress) {
    var counts = topicCounts(progress);
    // The navigation: a "studied/pages" badge on each topic.
    counts.forEach(function (count) {
      var url = new URL(count.topic.url, ROOT).href;
      document.querySelectorAll(".md-nav--primary a.md-nav__link[href]").forEach(function (link) {
        if (link.href !== url) return;
        var badge = link.querySelector(".study-badge");
        if (!badge) {
          badge = document.createElement("span");
          badge.className = "study-badge";
          // Right after the title, before the section's chevron where the link holds one.
          var title = link.querySelector(".md-ellipsis");
          if (title) title.after(badge);
          else link.appendChild(badge);
        }
        badge.textContent = count.done + "/" + count.total;
        badge.title = count.done + " of " + count.total + " pages studied";
        badge.classList.toggle("study-badge--done", count.done === count.total);
      });
    });
    // The home page's dashboard: a count and a bar per topic, and a summary.
    var done = 0, total = 0;
    counts.forEach(function (count) {
      done += count.done;
      total += count.total;
      var row = document.querySelector('.study-topics [data-study-topic="' + count.topic.folder + '"]');
      if (!row) return;
      row.querySelector("[data-study-count]").textContent =
        count.done + "/" + count.total + " pages studied";
      row.querySelector("[data-study-bar]").style.width = (100 * count.done / (count.total || 1)) + "%";
    });
    var summary = document.querySelector("[data-study-summary]");
    if (summary) {
      var due = dueCount(progress);
      summary.textContent = "You have studied " + done + " of " + total + " pages" +
        (due ? "; " + due + " flashcard" + (due === 1 ? " is" : "s are") + " due for review." : ".") +
        " Mark a page as studied at its foot.";
    }
  }

  function dueCount(progress) {
    var now = Date.now(), due = 0;
    for (var id in progress.cards) if (Date.parse(progress.cards[id].due) <= now) due += 1;
    return due;
  }

  // --- Export and import ----------------------------------------------------------------------

  function setupTools() {
    document.querySelectorAll("[data-study-tools]").forEach(function (tools) {
      var message = tools.querySelector("[data-study-message]");
      tools.querySelector("[data-study-export]").addEventListener("click", function () {
        var blob = new Blob([JSON.stringify(load(), null, 2)], { type: "application/json" });
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = "aws-associate-notes-progress-" + new Date().toISOString().slice(0, 10) + ".json";
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
        message.textContent = "Progress exported to " + link.download + ".";
      });
      var input = tools.querySelector("[data-study-import]");
      input.addEventListener("change", function () {
        var file = input.files && input.files[0];
        if (!file) return;
        file.text().then(function (text) {
          var data, problem;
          try {
            data = JSON.parse(text);
            problem = problemsWith(data);
          } catch (error) {
            problem = "it is not JSON";
          }
          if (problem) {
            message.textContent = "Could not import " + file.name + ": " + problem +
              ". Nothing was changed; your progress is as it was.";
            message.classList.add("study-tools__message--error");
            return;
          }
          var progress = merge(load(), data);
          if (!save(progress)) {
            message.textContent = "Could not save the imported progress: this browser's storage is full or off.";
            message.classList.add("study-tools__message--error");
            return;
          }
          message.classList.remove("study-tools__message--error");
          message.textContent = "Imported " + file.name + ": " + Object.keys(data.studied).length +
            " studied pages and " + Object.keys(data.cards).length + " card schedules, merged with yours.";
          refresh();
        }).finally(function () { input.value = ""; });
      });
      tools.hidden = false;
    });
  }

  // --- Flashcard review --------------------------------------------------------------------------

  function setupReview() {
    var root = document.querySelector("[data-study-review]");
    review = null;
    if (!root || !window.FSRS) return;
    var scheduler = FSRS.fsrs(FSRS.generatorParameters({ enable_fuzz: false }));
    var cards = [].map.call(document.querySelectorAll(".study-deck__card"), function (item) {
      return {
        id: item.getAttribute("data-card"), topic: item.getAttribute("data-topic"),
        kind: item.getAttribute("data-kind"),
        front: item.querySelector(".study-deck__front").innerHTML,
        back: item.querySelector(".study-deck__back").innerHTML,
        source: item.querySelector(".study-deck__source").innerHTML,
      };
    });
    var parts = {
      topic: root.querySelector("[data-study-topic]"), kind: root.querySelector("[data-study-kind]"),
      status: root.querySelector("[data-study-status]"), card: root.querySelector("[data-study-card]"),
      front: root.querySelector("[data-study-front]"), back: root.querySelector("[data-study-back]"),
      source: root.querySelector("[data-study-source]"), flip: root.querySelector("[data-study-flip]"),
      grades: root.querySelector("[data-study-grades]"),
    };
    review = { root: root, current: null, flipped: false };
    var filter = JSON.parse(sessionStorage.getItem(STORE + ":filter") || "{}");
    if (filter.topic && parts.topic.querySelector('option[value="' + filter.topic + '"]')) parts.topic.value = filter.topic;
    if (filter.kind && parts.kind.querySelector('option[value="' + filter.kind + '"]')) parts.kind.value = filter.kind;

    function schedule(progress, card) {
      var saved = progress.cards[card.id];
      return saved ? FSRS.TypeConvert.card(saved) : null;
    }

    function next() {
      var progress = load(), now = new Date(), due = [], fresh = [], later = null;
      cards.forEach(function (card) {
        if (parts.topic.value && card.topic !== parts.topic.value) return;
        if (parts.kind.value && card.kind !== parts.kind.value) return;
        var state = schedule(progress, card);
        if (!state) fresh.push(card);
        else if (state.due <= now) due.push({ card: card, due: state.due });
        else if (!later || state.due < later) later = state.due;
      });
      due.sort(function (a, b) { return a.due - b.due; });
      review.current = due.length ? due[0].card : fresh[0] || null;
      review.flipped = false;
      parts.status.textContent = due.length + " due, " + fresh.length + " new" +
        (parts.topic.value || parts.kind.value ? " in this selection" : "") + ".";
      parts.back.hidden = parts.source.hidden = parts.grades.hidden = true;
      if (!review.current) {
        parts.front.innerHTML = "";
        var done = document.createElement("p");
        done.textContent = "Nothing is due now." +
          (later ? " The next card is due " + later.toLocaleString() + "." : "");
        parts.front.appendChild(done);
        parts.flip.hidden = true;
        return;
      }
      parts.card.setAttribute("data-card", review.current.id);
      parts.front.innerHTML = review.current.front;
      parts.back.innerHTML = review.current.back;
      parts.source.innerHTML = review.current.source;
      parts.flip.hidden = false;
    }

    function flip() {
      if (!review.current || review.flipped) return;
      review.flipped = true;
      parts.back.hidden = parts.source.hidden = parts.grades.hidden = false;
      parts.flip.hidden = true;
      var state = schedule(load(), review.current) || FSRS.createEmptyCard(new Date());
      var preview = scheduler.repeat(state, new Date());
      parts.grades.querySelectorAll("button[data-grade]").forEach(function (button) {
        var rating = Number(button.getAttribute("data-grade"));
        var when = button.querySelector(".study-interval") || document.createElement("span");
        when.className = "study-interval";
        when.textContent = " " + interval(preview[rating].card.due - new Date());
        button.appendChild(when);
      });
      parts.card.focus({ preventScroll: true });
    }

    function grade(rating) {
      if (!review.current || !review.flipped) return;
      var progress = load(), now = new Date();
      var state = schedule(progress, review.current) || FSRS.createEmptyCard(now);
      var result = scheduler.next(state, now, rating).card;
      progress.cards[review.current.id] = JSON.parse(JSON.stringify(result));
      save(progress);
      parts.status.textContent = GRADES[rating] + ".";
      next();
      parts.card.focus({ preventScroll: true });
    }

    review.flip = flip;
    review.grade = grade;
    parts.flip.addEventListener("click", flip);
    parts.grades.querySelectorAll("button[data-grade]").forEach(function (button) {
      button.addEventListener("click", function () { grade(Number(button.getAttribute("data-grade"))); });
    });
    [parts.topic, parts.kind].forEach(function (select) {
      select.addEventListener("change", function () {
        sessionStorage.setItem(STORE + ":filter", JSON.stringify({ topic: parts.topic.value, kind: parts.kind.value }));
        next();
      });
    });
    root.hidden = false;
    next();
  }

  function interval(milliseconds) {
    var minutes = Math.max(1, Math.round(milliseconds / 60000));
    if (minutes < 60) return minutes + " min";
    var hours = Math.round(minutes / 60);
    if (hours < 24) return hours + " h";
    var days = Math.round(hours / 24);
    return days < 60 ? days + " d" : Math.round(days / 30) + " mo";
  }

  // Space shows the answer, 1-4 grade it: anywhere on the Flashcards page but in a form field or
  // on a button or link (where Space and Enter keep their own meaning), and not while searching.
  document.addEventListener("keydown", function (event) {
    if (!review || !document.body.contains(review.root)) return;
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    var target = event.target;
    if (target.closest && target.closest("input, select, textarea, [contenteditable], .md-search")) return;
    var search = document.getElementById("__search");
    if (search && search.checked) return;
    if (event.key === " " || event.key === "Spacebar") {
      if (target.closest && target.closest("button, a, summary")) return;
      event.preventDefault();
      review.flip();
    } else if (GRADES[event.key] && review.flipped) {
      event.preventDefault();
      review.grade(Number(event.key));
    }
  });

  function refresh() {
    marks.forEach(function (show) { show(); });
    showProgress(load());
  }

  function init() {
    // Once per page: document$ and DOMContentLoaded may both call this. A page Material swaps
    // in by instant navigation is a new article, so it is set up again.
    var article = document.querySelector("article") || document.body;
    if (article.hasAttribute("data-study-ready")) return;
    article.setAttribute("data-study-ready", "");
    setupMarks();
    setupTools();
    setupReview();
    showProgress(load());
  }

  // document$ emits each page instant navigation brings; from file:// (the offline build) it may
  // not emit at all, so the page's own load starts things too.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
