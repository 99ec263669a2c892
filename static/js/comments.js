// Comments: a live character count under the comment field (progressive enhancement;
// the form works the same without it).
(function () {
  "use strict";
  document.querySelectorAll(".comment-form").forEach(function (form) {
    var field = form.querySelector("textarea[maxlength]");
    var counter = form.querySelector("[data-comment-counter]");
    if (!field || !counter || counter.dataset.ready) return;
    counter.dataset.ready = "1";
    var max = parseInt(field.getAttribute("maxlength"), 10);
    var lang = document.documentElement.lang || "fr";
    function update() {
      var left = max - field.value.length;
      counter.textContent = lang.indexOf("en") === 0
        ? left + " characters left"
        : left + " caractères restants";
    }
    counter.hidden = false;
    field.addEventListener("input", update);
    update();
  });
})();
