// Small conveniences on top of htmx; every page works without this file.
(function () {
  "use strict";

  // "Select all" boxes toggle every row box of their table.
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input[data-select-all]")) return;
    var scope = box.closest("form") || document;
    scope.querySelectorAll("input[name='" + box.dataset.selectAll + "']").forEach(function (row) {
      row.checked = box.checked;
    });
  });

  // The boxes are hidden in the markup, since they need this script; show them, including in
  // tables htmx swaps in later.
  function showSelectAll(root) {
    root.querySelectorAll("input[data-select-all][hidden]").forEach(function (box) {
      box.hidden = false;
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      showSelectAll(document);
    });
  } else {
    showSelectAll(document);
  }
  document.addEventListener("htmx:load", function (event) {
    showSelectAll(event.target);
  });
})();
