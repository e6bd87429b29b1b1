// Saved views and live lists; every page works without this file.
(function () {
  "use strict";

  // The sort headers and the pager change the address without redrawing the "Save this view"
  // form: save what the address bar says at the moment of saving.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-saved-query]")) return;
    var query = form.querySelector("input[name='query']");
    if (query) query.value = window.location.search.replace(/^\?/, "");
  });
})();
