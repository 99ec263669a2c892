/* The week preview under the facility's opening hours field (cms/guide_admin.py): as the
 * editor types, the next seven days (or the error, with where it is) are fetched from the
 * admin and swapped in. Without JavaScript the preview shows the saved hours. */
(function () {
  "use strict";
  function setup() {
  var preview = document.querySelector("[data-hours-preview]");
  var field = document.querySelector("#id_opening_hours");
  if (!preview || !field) return;
  var timer = null;
  var last = field.value;
  function refresh() {
    if (field.value === last) return;
    last = field.value;
    var url = preview.dataset.previewUrl + "?expression=" + encodeURIComponent(field.value);
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html !== null) preview.innerHTML = html; })
      .catch(function () { /* the saved preview stays */ });
  }
  field.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 300);
  });
  }
  // Wagtail puts the panels' scripts in the page's <head>: wait for the form.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
