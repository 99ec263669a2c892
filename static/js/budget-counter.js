/* The counter's running total per envelope, live (progressive enhancement of the paper
 * ballot page in the admin). Without JavaScript the total is shown after submitting, and the
 * server refuses a ballot over an envelope's amount in every case. */
(function () {
  "use strict";
  var form = document.querySelector("[data-counter-ballot]");
  if (!form) return;
  var euros = new Intl.NumberFormat(document.documentElement.lang || "fr", {
    style: "currency",
    currency: "EUR",
    maximumFractionDigits: 0,
  });

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return key in values ? values[key] : match;
    });
  }

  function update(fieldset) {
    var amount = parseInt(fieldset.dataset.amount, 10) || 0;
    var knapsack = fieldset.dataset.knapsack === "1";
    var output = fieldset.querySelector("[data-counter-total]");
    var total = 0;
    fieldset.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      if (box.checked) total += parseInt(box.dataset.cost, 10) || 0;
    });
    var over = knapsack && total > amount;
    var values = {
      total: euros.format(total),
      amount: euros.format(amount),
      left: euros.format(Math.max(amount - total, 0)),
      over: euros.format(Math.max(total - amount, 0)),
    };
    var text = fill(over ? output.dataset.textOver : output.dataset.textOk, values);
    var node = output.querySelector("[data-counter-total-text]");
    if (node.textContent !== text) node.textContent = text;
    output.classList.toggle("help-critical", over);
    output.classList.toggle("help-info", !over);
  }

  form.querySelectorAll("[data-counter-envelope]").forEach(function (fieldset) {
    fieldset.addEventListener("change", function () {
      update(fieldset);
    });
    update(fieldset);
  });
})();
