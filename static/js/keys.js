// Keyboard shortcuts for reviewing lists (templates/player/keys.html lists them):
//   j / k    next / previous row of the list     x       select the row (its box)
//   Enter    open the row (its first link)        Space   play or pause the row's recording
//   n / p    play the next / previous recording   /       focus the search
//   ?        show the shortcuts
// The row cursor is keyboard focus itself (on the row's first link), so screen readers read
// the row as Tab would, and Tab carries on from there. Nothing fires while typing in a field,
// with Ctrl, Alt or Meta held, inside a record page's own player (player.js has its keys), or
// while the dialog is open.
(function () {
  "use strict";

  // Inputs one does not type into: the shortcuts work there (but Space keeps pressing them).
  var NOT_TYPED = ["checkbox", "radio", "button", "submit", "reset", "range", "file", "color"];

  function typing(target) {
    if (!target || !target.matches) {
      return false;
    }
    if (target.isContentEditable || target.matches("textarea, select")) {
      return true;
    }
    return target.matches("input") && NOT_TYPED.indexOf(target.type) === -1;
  }

  function rows() {
    return Array.prototype.slice
      .call(document.querySelectorAll("main table > tbody > tr"))
      .filter(function (row) {
        return row.querySelector("td a[href]") && row.getClientRects().length > 0;
      });
  }

  function cursorRow() {
    return document.querySelector("main tr.is-cursor");
  }

  function setCursor(row) {
    var old = cursorRow();
    if (old && old !== row) {
      old.classList.remove("is-cursor");
    }
    if (row) {
      row.classList.add("is-cursor");
    }
  }

  function move(offset) {
    var list = rows();
    if (!list.length) {
      return false;
    }
    var here = list.indexOf(cursorRow());
    var next = here === -1 ? 0 : Math.max(0, Math.min(list.length - 1, here + offset));
    setCursor(list[next]);
    list[next].querySelector("td a[href]").focus();
    return true;
  }

  function toggleSelected() {
    var row = cursorRow();
    var box = row && row.querySelector("input[type=checkbox][name=ids]");
    if (!box) {
      return false;
    }
    box.click(); // fires change, as a click on the box would
    return true;
  }

  function open() {
    var row = cursorRow();
    var link = row && row.querySelector("td a[href]");
    if (!link) {
      return false;
    }
    link.click();
    return true;
  }

  function playOrPause() {
    var dock = window.dashboardDock;
    if (!dock || !dock.available()) {
      return false;
    }
    var row = cursorRow();
    var button = row && row.querySelector("button[data-play]");
    if (button) {
      button.click(); // plays this row, or pauses it when it is the one playing
    } else {
      dock.toggle();
    }
    return true;
  }

  function focusSearch() {
    var form = document.querySelector("main form.filters");
    var field =
      form &&
      (form.querySelector("input[type=search]") ||
        form.querySelector("input:not([type=hidden]):not([type=checkbox]):not([type=radio])"));
    if (!field) {
      return false;
    }
    field.focus();
    if (field.select) {
      field.select();
    }
    return true;
  }

  var opener = null;

  function dialog() {
    return document.querySelector("[data-keys-dialog]");
  }

  function showKeys() {
    var box = dialog();
    if (!box || box.open) {
      return false;
    }
    opener = document.activeElement;
    box.showModal();
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) {
      return;
    }
    var target = event.target;
    if (typing(target) || (target.closest && target.closest("[data-player], dialog[open]"))) {
      return;
    }
    var key = event.key;
    // Where Enter and Space already mean something (a link, a button, a box), they keep it.
    var pressable = target.matches && target.matches("a[href], button, summary, input, select");
    var done = false;
    if (key === "j") {
      done = move(1);
    } else if (key === "k") {
      done = move(-1);
    } else if (key === "x") {
      done = toggleSelected();
    } else if (key === "Enter" && !pressable) {
      done = open();
    } else if (key === " " && !(pressable && !target.matches("a[href]"))) {
      done = playOrPause();
    } else if (key === "n" && window.dashboardDock && window.dashboardDock.available()) {
      window.dashboardDock.next();
      done = true;
    } else if (key === "p" && window.dashboardDock && window.dashboardDock.available()) {
      window.dashboardDock.previous();
      done = true;
    } else if (key === "/") {
      done = focusSearch();
    } else if (key === "?") {
      done = showKeys();
    }
    if (done) {
      event.preventDefault();
    }
  });

  // Tab or a click into a row moves the cursor there too, so j/k carry on from it.
  document.addEventListener("focusin", function (event) {
    var row = event.target.closest && event.target.closest("main table > tbody > tr");
    if (row) {
      setCursor(row);
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-keys-open]");
    if (button) {
      showKeys();
    }
  });

  document.addEventListener(
    "close",
    function (event) {
      if (event.target === dialog() && opener && opener.focus) {
        opener.focus();
        opener = null;
      }
    },
    true
  );

  function showButton() {
    document.querySelectorAll("[data-keys-open][hidden]").forEach(function (button) {
      button.hidden = false;
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showButton);
  } else {
    showButton();
  }
})();
