/* The support button without a page reload: the same POST as without JavaScript, sent with
 * fetch, and the button, count and status line updated from the JSON answer. */
(function () {
  "use strict";
  document.querySelectorAll("[data-support-form]").forEach(function (form) {
    var box = form.closest("[data-support-box]");
    var button = form.querySelector("button");
    var intent = form.querySelector("[data-support-intent]");
    var count = box.querySelector("[data-support-count]");
    var label = box.querySelector("[data-support-label]");
    var status = box.querySelector("[data-support-status]");

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (button.disabled) return; // a double click sends one request
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (typeof data.count === "number") {
            count.textContent = data.count;
            var plural = new Intl.PluralRules(document.documentElement.lang || "fr");
            label.textContent =
              plural.select(data.count) === "one" ? box.dataset.labelOne : box.dataset.labelMany;
          }
          if (data.error) {
            status.textContent = data.error;
            return;
          }
          intent.value = data.supported ? "remove" : "add";
          button.textContent = data.supported ? button.dataset.labelRemove : button.dataset.labelAdd;
          button.setAttribute("aria-pressed", data.supported ? "true" : "false");
          button.classList.toggle("btn--primary", !data.supported);
          button.classList.toggle("btn--secondary", data.supported);
          status.textContent = data.supported ? box.dataset.msgAdded : box.dataset.msgRemoved;
        })
        .catch(function () { form.submit(); })
        .finally(function () { button.disabled = false; });
    });
  });
})();
