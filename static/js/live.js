// Saved views and live lists; every page works without this file.
(function () {
  "use strict";

  // The sort headers and the pager change the address without redrawing the "Save this view"
  // and columns forms: they take what the address bar says at the moment they are sent.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches) return;
    if (form.matches("form[data-saved-query]")) {
      var query = form.querySelector("input[name='query']");
      if (query) query.value = window.location.search.replace(/^\?/, "");
    }
    if (form.matches("form[data-next-here]")) {
      var next = form.querySelector("input[name='next']");
      if (next) next.value = window.location.pathname + window.location.search;
    }
  });

  // --- Today's lists and figures refresh on their own (dashboard/views/live.py) ---------
  // Every few seconds while the tab is shown, the page asks for its fragment again with the
  // ETag of the last answer: unchanged, it costs a 304 and nothing moves. Changed, only the
  // rows (or the figures) are replaced, keeping the boxes ticked, the legs opened and the
  // place the reader was looking at. Nothing is fetched while the tab is hidden, while the
  // reader is selecting text or typing in the list, or while audio in it plays.
  var etags = {};
  var timer = null;
  var busy = false;

  function marker() {
    return document.querySelector("[data-live-target]");
  }

  function rowKey(row) {
    var box = row.querySelector("input[name='ids']");
    if (box) return "id:" + box.value;
    var link = row.querySelector("a[href]");
    return link ? "href:" + link.getAttribute("href") : "";
  }

  function userIsBusy(target) {
    var active = document.activeElement;
    if (active && target.contains(active) && active.matches("input[type='text'], input:not([type]), textarea, select")) {
      return true;
    }
    var selection = window.getSelection && window.getSelection();
    if (selection && !selection.isCollapsed && selection.anchorNode && target.contains(selection.anchorNode)) {
      return true;
    }
    return Array.prototype.some.call(target.querySelectorAll("audio, video"), function (media) {
      return !media.paused;
    });
  }

  // What the reader has done to the rows, by row: ticked boxes and opened details.
  function rememberState(target) {
    var state = { checked: {}, open: {} };
    target.querySelectorAll("tbody tr").forEach(function (row) {
      var key = rowKey(row);
      if (!key) return;
      row.querySelectorAll("input[type='checkbox']:checked").forEach(function () {
        state.checked[key] = true;
      });
      row.querySelectorAll("details[open]").forEach(function () {
        state.open[key] = true;
      });
    });
    target.querySelectorAll("details[open]").forEach(function (details, index) {
      if (!details.closest("tbody")) state.open["details:" + index] = true;
    });
    state.selectAll = Array.prototype.map.call(
      target.querySelectorAll("input[data-select-all]"),
      function (box) { return box.checked; }
    );
    return state;
  }

  function restoreState(target, state) {
    target.querySelectorAll("tbody tr").forEach(function (row) {
      var key = rowKey(row);
      if (state.checked[key]) {
        row.querySelectorAll("input[type='checkbox']").forEach(function (box) { box.checked = true; });
      }
      if (state.open[key]) {
        row.querySelectorAll("details").forEach(function (details) { details.open = true; });
      }
    });
    target.querySelectorAll("details").forEach(function (details, index) {
      if (!details.closest("tbody") && state.open["details:" + index]) details.open = true;
    });
    target.querySelectorAll("input[data-select-all]").forEach(function (box, index) {
      box.checked = !!state.selectAll[index];
    });
  }

  // The first row on screen, and where it is, so that rows arriving above it do not push
  // what the reader is looking at down the page.
  function anchorOf(target) {
    var rows = target.querySelectorAll("tbody tr");
    for (var i = 0; i < rows.length; i++) {
      var top = rows[i].getBoundingClientRect().top;
      if (top >= 0) return { key: rowKey(rows[i]), top: top };
    }
    return null;
  }

  function keepAnchor(target, anchor) {
    if (!anchor || !anchor.key) return;
    var rows = target.querySelectorAll("tbody tr");
    for (var i = 0; i < rows.length; i++) {
      if (rowKey(rows[i]) === anchor.key) {
        var moved = rows[i].getBoundingClientRect().top - anchor.top;
        if (moved) window.scrollBy(0, moved);
        return;
      }
    }
  }

  // Where keyboard focus is, to put it back on the same control of the same row (or the
  // same id) once the rows are new: a keyboard user must not be thrown back to the page top.
  function focusOf(target) {
    var active = document.activeElement;
    if (!active || active === document.body || !target.contains(active)) return null;
    if (active.id) return { id: active.id };
    var row = active.closest("tr");
    if (!row) return null;
    var controls = row.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]");
    return { row: rowKey(row), index: Array.prototype.indexOf.call(controls, active) };
  }

  function restoreFocus(target, focus) {
    if (!focus) return;
    var element = null;
    if (focus.id) {
      element = document.getElementById(focus.id);
    } else {
      target.querySelectorAll("tbody tr").forEach(function (row) {
        if (rowKey(row) === focus.row) {
          element = row.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")[focus.index] || null;
        }
      });
    }
    if (element && element !== document.activeElement) element.focus({ preventScroll: true });
  }

  function replaceParts(target, fresh, swap) {
    var oldBody = target.querySelector("tbody");
    var newBody = fresh.querySelector("tbody");
    if (swap === "rows" && oldBody && newBody) {
      oldBody.replaceWith(newBody);
      // Around the rows: what the count says (caption, totals, pager).
      ["caption", ".table-footer", ".bulk a[download]"].forEach(function (selector) {
        var before = target.querySelector(selector);
        var after = fresh.querySelector(selector);
        if (before && after) before.replaceWith(after);
      });
    } else {
      target.replaceChildren.apply(target, Array.prototype.slice.call(fresh.childNodes));
    }
  }

  function apply(target, html, swap) {
    var parsed = new DOMParser().parseFromString(html, "text/html");
    var fresh = parsed.getElementById(target.id);
    if (!fresh) return;
    var state = rememberState(target);
    var anchor = anchorOf(target);
    var focus = focusOf(target);
    replaceParts(target, fresh, swap);
    restoreState(target, state);
    keepAnchor(target, anchor);
    restoreFocus(target, focus);
    if (window.htmx) window.htmx.process(target);
    target.dispatchEvent(new CustomEvent("htmx:load", { bubbles: true }));
    target.dispatchEvent(new CustomEvent("live:refreshed", { bubbles: true }));
  }

  function poll() {
    var mark = marker();
    if (!mark || busy || document.visibilityState !== "visible") return;
    var target = document.getElementById(mark.dataset.liveTarget);
    if (!target || userIsBusy(target)) return;
    var url = window.location.pathname + window.location.search;
    var headers = {
      "HX-Request": "true",
      "HX-Target": target.id,
      "HX-Current-URL": window.location.href,
    };
    if (etags[url]) headers["If-None-Match"] = etags[url];
    busy = true;
    fetch(url, { headers: headers, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.status === 304) {
          target.dispatchEvent(new CustomEvent("live:unchanged", { bubbles: true }));
          return null;
        }
        if (response.status !== 200) return null;
        var etag = response.headers.get("ETag");
        return response.text().then(function (html) {
          // The reader may have moved on (another range, another page) meanwhile.
          if (url !== window.location.pathname + window.location.search) return;
          if (etag) etags[url] = etag;
          if (!userIsBusy(target)) apply(target, html, mark.dataset.liveSwap);
        });
      })
      .catch(function () { /* The next tick tries again. */ })
      .then(function () { busy = false; });
  }

  function stop() {
    if (timer !== null) window.clearInterval(timer);
    timer = null;
  }

  function start() {
    stop();
    var mark = marker();
    if (!mark || document.visibilityState !== "visible") return;
    mark.hidden = false;
    var seconds = Math.max(1, parseInt(mark.dataset.liveSeconds, 10) || 30);
    timer = window.setInterval(poll, seconds * 1000);
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      start();
      poll();
    } else {
      stop();
    }
  });
  // Filters swapped in by htmx bring their own marker (or none, for a range before today).
  document.addEventListener("htmx:afterSettle", start);
  document.addEventListener("htmx:historyRestore", start);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
