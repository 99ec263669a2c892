/* The ballot, live (progressive enhancement of /budget-participatif/<slug>/vote/):
 * - running totals per envelope (the "Mettre à jour les totaux" button asks the server
 *   for the same without JavaScript);
 * - "Vérifier mon vote" disabled, with the reason shown, while an envelope is over its
 *   amount or holds too many projects (the server checks everything again anyway);
 * - search, order and "show more" on each envelope's projects, in the page (without
 *   JavaScript the same fields are sent to the server, which answers the same listing).
 * Every checkbox stays in the form whatever is shown, so hidden choices are kept. */
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
  var review = form.querySelector("[data-review]");
  var blocked = form.querySelector("[data-blocked]");

  function fill(template, value) {
    return template.replace("{}", value);
  }

  function folded(text) {
    return text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
  }

  // Totals ------------------------------------------------------------------------------
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
    fieldset.dataset.problem = over ? "over" : tooMany ? "too-many" : "";
  }

  function updateReview() {
    if (!review || !blocked) return;
    var reasons = [];
    fieldsets.forEach(function (fieldset) {
      var problem = fieldset.dataset.problem;
      if (problem === "over") reasons.push(fill(blocked.dataset.textOver, fieldset.dataset.name));
      if (problem === "too-many") {
        reasons.push(fill(blocked.dataset.textTooMany, fieldset.dataset.name));
      }
    });
    var text = reasons.join(" ");
    review.disabled = reasons.length > 0;
    blocked.hidden = reasons.length === 0;
    if (blocked.textContent !== text) blocked.textContent = text;
  }

  // Listing: search, order, show more ----------------------------------------------------
  function listing(fieldset) {
    var tools = fieldset.querySelector("[data-listing]");
    var list = fieldset.querySelector("[data-choices]");
    if (!tools || !list) return;
    var filter = tools.querySelector("[data-filter]");
    var sort = tools.querySelector("[data-sort]");
    var apply = tools.querySelector("[data-apply]");
    var more = fieldset.querySelector("[data-more]");
    var pageInput = fieldset.querySelector("[data-page-input]");
    var countNode = fieldset.querySelector("[data-listing-count]");
    var randomNote = fieldset.querySelector("[data-random-note]");
    var noMatch = fieldset.querySelector("[data-no-match]");
    var size = parseInt(fieldset.dataset.pageSize, 10) || 12;
    var page = parseInt(fieldset.dataset.page, 10) || 1;
    var items = Array.prototype.slice.call(list.children);
    var titles = new Map();
    var texts = new Map();
    items.forEach(function (item) {
      titles.set(item, folded(item.querySelector(".budget-choice__title").textContent));
      texts.set(item, folded(item.textContent));
    });
    if (apply) apply.hidden = true;

    function cost(item) {
      return parseInt(item.querySelector("input").dataset.cost, 10) || 0;
    }

    var orders = {
      hasard: function (a, b) {
        return a.dataset.rank - b.dataset.rank;
      },
      cout: function (a, b) {
        return cost(a) - cost(b) || titles.get(a).localeCompare(titles.get(b));
      },
      "cout-desc": function (a, b) {
        return cost(b) - cost(a) || titles.get(a).localeCompare(titles.get(b));
      },
      titre: function (a, b) {
        return titles.get(a).localeCompare(titles.get(b));
      },
    };

    function render() {
      var order = orders[sort.value] || orders.hasard;
      items.sort(order);
      items.forEach(function (item) {
        list.appendChild(item);
      });
      var words = folded(filter.value).split(/\s+/).filter(Boolean);
      var matching = items.filter(function (item) {
        return words.every(function (word) {
          return texts.get(item).indexOf(word) !== -1;
        });
      });
      var pages = Math.max(1, Math.ceil(matching.length / size));
      if (page > pages) page = pages;
      var shown = new Set(matching.slice(0, page * size));
      items.forEach(function (item) {
        item.hidden = !shown.has(item);
      });
      if (pageInput) pageInput.value = String(page);
      if (more) more.hidden = shown.size >= matching.length;
      if (noMatch) noMatch.hidden = matching.length > 0;
      if (randomNote) randomNote.hidden = sort.value !== "hasard";
      if (countNode) {
        var text =
          shown.size === items.length
            ? countNode.dataset.textAll.replace("{total}", items.length)
            : countNode.dataset.textShown
                .replace("{shown}", shown.size)
                .replace("{total}", items.length);
        if (countNode.textContent !== text) countNode.textContent = text;
      }
    }

    filter.addEventListener("input", function () {
      page = 1;
      render();
    });
    // Enter in the search field would send the whole ballot: filtering is already live.
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
    sort.addEventListener("change", render);
    if (more) {
      more.addEventListener("click", function (event) {
        event.preventDefault();
        var first = items.filter(function (item) {
          return item.hidden;
        });
        page += 1;
        render();
        // Move to the first project just shown, so keyboard users continue from there.
        var next = first.find(function (item) {
          return !item.hidden;
        });
        if (next) next.querySelector("input").focus();
      });
    }
  }

  var fieldsets = form.querySelectorAll("[data-envelope]");
  fieldsets.forEach(function (fieldset) {
    fieldset.addEventListener("change", function (event) {
      if (event.target.matches("input[type=checkbox]")) {
        update(fieldset);
        updateReview();
      }
    });
    update(fieldset);
    listing(fieldset);
  });
  updateReview();
  // The totals are live: the server-side update button is no longer needed.
  var button = form.querySelector("[data-update]");
  if (button) button.hidden = true;
  form.classList.add("is-live");
})();
