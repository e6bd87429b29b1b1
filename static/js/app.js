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
})();
