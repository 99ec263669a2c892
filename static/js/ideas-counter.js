/* Character counters for the fields marked data-char-counter (the idea's title and
 * description). Progressive enhancement: the limit is the field's maxlength, rendered by
 * Django from the model's max_length, and the server refuses an overlong text with its
 * length. With this script, maxlength is lifted so a pasted text is never cut silently: the
 * counter says how many characters are left, or how many are too many, and the field is
 * marked invalid until it fits. Strings come from the data-label-* attributes of the
 * element holding data-char-counter-labels (translated by the template). */
(function () {
  "use strict";
  var labels = document.querySelector("[data-char-counter-labels]");
  if (!labels) return;
  var text = labels.dataset;

  function format(template, count, limit) {
    return template.replace("%(count)s", count.toLocaleString()).replace("%(limit)s", limit.toLocaleString());
  }

  function length(value) {
    // As the server counts: one character per line break, code points rather than UTF-16 units.
    return Array.from(value.replace(/\r\n?/g, "\n")).length;
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-char-counter][maxlength]"), function (field) {
    var limit = parseInt(field.getAttribute("maxlength"), 10);
    if (!limit) return;
    field.removeAttribute("maxlength");
    var counter = document.createElement("p");
    counter.className = "char-counter meta";
    counter.id = field.id + "_counter";
    counter.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    var described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    described.push(counter.id);
    field.setAttribute("aria-describedby", described.join(" "));
    var serverInvalid = field.getAttribute("aria-invalid") === "true";

    function update() {
      var count = length(field.value);
      var over = count - limit;
      if (over > 0) {
        counter.textContent = format(over === 1 ? text.labelOverOne : text.labelOver, over, limit);
        counter.classList.add("char-counter--over");
        field.setAttribute("aria-invalid", "true");
      } else {
        counter.textContent = format(text.labelCount, count, limit);
        counter.classList.remove("char-counter--over");
        if (!serverInvalid) field.removeAttribute("aria-invalid");
      }
    }
    field.addEventListener("input", function () {
      serverInvalid = false;
      update();
    });
    update();
  });
})();
