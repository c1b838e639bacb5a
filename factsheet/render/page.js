// Shows the article behind a clicked value with its quote highlighted.
// Article text is untrusted: it only ever enters the page as text nodes, never as markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("fs-data").textContent);
  var viewer = document.getElementById("viewer");
  var heading = document.getElementById("v-title");
  var tabs = document.getElementById("v-tabs");
  var info = document.getElementById("v-info");
  var body = document.getElementById("v-text");
  var closer = document.getElementById("v-close");
  var cache = {};
  var trigger = null;

  var MATCH_NOTES = {
    exact: "",
    normalised: "Found with spacing, quote marks or case evened out.",
    fuzzy: "Approximate match: the article's words differ slightly from the quote given.",
  };

  // Offsets count Python code points; JS strings count UTF-16 units, so an emoji before
  // the quote would shift it. Array.from splits by code point, matching Python.
  function codePoints(id) {
    if (!Object.prototype.hasOwnProperty.call(cache, id)) {
      cache[id] = Array.from(data.sources[id].text || "");
    }
    return cache[id];
  }

  function add(parent, tag, text, cls) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    parent.appendChild(node);
    return node;
  }

  function describe(src) {
    info.textContent = "";
    add(info, "strong", src.label);
    if (src.title) info.appendChild(document.createTextNode(" — " + src.title));
  }

  function note(text, quote) {
    var p = add(info, "span", "", "v-note");
    p.appendChild(document.createTextNode(text + (quote ? " Quoted as: " : "")));
    if (quote) add(p, "q", quote).setAttribute("dir", "auto");
  }

  // Right-to-left articles (Arabic, Persian, Hebrew, Urdu) read and wrap right to left; the
  // browser's own bidi algorithm then orders any embedded Latin names and digits.
  function direction(src) {
    body.setAttribute("dir", src && src.rtl ? "rtl" : "auto");
    if (src && src.language) body.setAttribute("lang", src.language);
    else body.removeAttribute("lang");
  }

  function showQuote(q) {
    var src = data.sources[q.source];
    body.textContent = "";
    direction(src);
    if (!src) {
      info.textContent = "This quote's article is not in the sheet.";
      return;
    }
    describe(src);
    if (src.text === null || src.text === undefined) {
      note("The sheet does not include this article's text.", q.quote);
      return;
    }
    var chars = codePoints(q.source);
    var located = q.start !== null && q.end !== null && q.start >= 0 && q.start <= q.end && q.end <= chars.length;
    if (!located || q.match === "none") {
      note("The quote was not found in this article.", q.quote);
      body.appendChild(document.createTextNode(chars.join("")));
      viewer.scrollTop = 0;
      return;
    }
    if (MATCH_NOTES[q.match]) note(MATCH_NOTES[q.match], q.match === "fuzzy" ? q.quote : "");
    body.appendChild(document.createTextNode(chars.slice(0, q.start).join("")));
    var mark = add(body, "mark", chars.slice(q.start, q.end).join(""), "hl");
    mark.id = "highlight";
    body.appendChild(document.createTextNode(chars.slice(q.end).join("")));
    reveal(mark);
  }

  // Scroll only the viewer: scrollIntoView would also move the page, since the viewer is sticky.
  function reveal(mark) {
    var head = viewer.querySelector(".v-head");
    var room = viewer.clientHeight - head.offsetHeight;
    var offset = mark.getBoundingClientRect().top - viewer.getBoundingClientRect().top - head.offsetHeight;
    viewer.scrollTop += offset - Math.max(0, (room - mark.offsetHeight) / 2);
  }

  function showArticle(id) {
    var src = data.sources[id];
    body.textContent = "";
    direction(src);
    describe(src);
    if (src.text === null || src.text === undefined) {
      note("The sheet does not include this article's text.", "");
    } else {
      body.appendChild(document.createTextNode(src.text));
    }
    viewer.scrollTop = 0;
  }

  function selectTab(button, q) {
    Array.prototype.forEach.call(tabs.children, function (b) {
      b.setAttribute("aria-pressed", b === button ? "true" : "false");
    });
    showQuote(q);
  }

  function open(el) {
    if (trigger) trigger.classList.remove("active");
    trigger = el;
    el.classList.add("active");
    heading.textContent = el.getAttribute("data-label") || el.textContent;
    tabs.textContent = "";
    viewer.classList.add("open");
    var src = el.getAttribute("data-src");
    if (src !== null) {
      showArticle(src);
      return;
    }
    var quotes = el.getAttribute("data-q").split(" ").map(function (i) {
      return data.quotes[Number(i)];
    });
    if (quotes.length > 1) {
      quotes.forEach(function (q) {
        var b = add(tabs, "button", data.sources[q.source] ? data.sources[q.source].label : q.outlet, "tab");
        b.type = "button";
        b.addEventListener("click", function () {
          selectTab(b, q);
        });
      });
      selectTab(tabs.firstChild, quotes[0]);
    } else {
      showQuote(quotes[0]);
    }
  }

  function close() {
    viewer.classList.remove("open");
    if (trigger) trigger.focus();
  }

  document.addEventListener("click", function (ev) {
    var el = ev.target.closest ? ev.target.closest("[data-q],[data-src]") : null;
    if (!el || viewer.contains(el)) return;
    ev.preventDefault();
    open(el);
  });
  closer.addEventListener("click", close);
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && viewer.classList.contains("open")) close();
  });
  document.documentElement.classList.add("js");
})();
