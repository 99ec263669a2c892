/* The ballot's running totals, live (progressive enhancement of /budget-participatif/<slug>/vote/).
 * Without JavaScript the "Mettre à jour les totaux" button asks the server for the same totals;
 * the server checks everything again when the vote is confirmed. */
(function () {
  "use strict";
  var form = document.querySelector("[data-ballot]");
  if (!form) return;
  var euros = new Intl.NumberFormat(document.documentElement.lang || "fr", {
    style: "currency",
    currency: "EUR",
    maximumFractionDigits: 0,
  });
  // French says "0 projet choisi" (singular for 0 and 1): the language's own plural rule.
  var plural = new Intl.PluralRules(document.documentElement.lang || "fr");
  var knapsack = form.dataset.rule === "knapsack";
  var max = parseInt(form.dataset.max, 10) || 0;

  function fill(template, value) {
    return template.replace("{}", value);
  }

  function update(fieldset) {
    var amount = parseInt(fieldset.dataset.amount, 10) || 0;
    var total = fieldset.querySelector("[data-total]");
    var cost = 0;
    var count = 0;
    fieldset.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.closest(".budget-choice").classList.toggle("is-chosen", box.checked);
      if (!box.checked) return;
      cost += parseInt(box.dataset.cost, 10) || 0;
      count += 1;
    });
    var over = knapsack && cost > amount;
    var tooMany = max > 0 && count > max;
    var status = "";
    if (over) status = fill(total.dataset.textOver, euros.format(cost - amount));
    else if (tooMany) status = fill(total.dataset.textTooMany, String(max));
    else if (knapsack) status = fill(total.dataset.textRemaining, euros.format(amount - cost));
    var countText =
      plural.select(count) === "one"
        ? fill(total.dataset.textCountOne, String(count))
        : fill(total.dataset.textCountMany, String(count));
    var costNode = total.querySelector("[data-cost]");
    var countNode = total.querySelector("[data-count]");
    var statusNode = total.querySelector("[data-status]");
    var meter = total.querySelector("[data-meter]");
    if (costNode.textContent !== euros.format(cost)) costNode.textContent = euros.format(cost);
    if (countNode.textContent !== countText) countNode.textContent = countText;
    if (statusNode.textContent !== status) statusNode.textContent = status;
    if (meter) meter.value = Math.min(cost, amount);
    total.classList.toggle("is-over", over || tooMany);
  }

  var fieldsets = form.querySelectorAll("[data-envelope]");
  fieldsets.forEach(function (fieldset) {
    fieldset.addEventListener("change", function () {
      update(fieldset);
    });
    update(fieldset);
  });
  // The totals are live: the server-side update button is no longer needed.
  var button = form.querySelector("[data-update]");
  if (button) button.hidden = true;
  form.classList.add("is-live");
})();
