// Moderation action page: choosing a reason template shows the text the author will read.
// Without JavaScript, the same texts are listed in a <details> under the list (server-side).
(function () {
  "use strict";
  function init() {
    var select = document.querySelector('select[name="reason_template"]');
    var box = document.querySelector("[data-reason-preview]");
    if (!select || !box) return;
    var text = box.querySelector("[data-reason-preview-text]");
    function show() {
      var source = select.value
        ? document.querySelector('[data-reason-id="' + CSS.escape(select.value) + '"]')
        : null;
      if (source) {
        text.textContent = source.textContent;
        box.hidden = false;
      } else {
        text.textContent = "";
        box.hidden = true;
      }
    }
    select.addEventListener("change", show);
    show();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
