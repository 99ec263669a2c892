// People picker of the admin (civic.accounts.widgets.PseudonymAutocomplete): searches public
// names and adds the chosen person, selected, to the underlying <select multiple>.
(function () {
  function init(root) {
    var select = root.querySelector("select");
    var input = root.querySelector("[data-pseudonym-search]");
    var list = root.querySelector("[data-pseudonym-results]");
    var timer = null;
    function add(person) {
      var option = select.querySelector('option[value="' + person.id + '"]');
      if (!option) {
        option = new Option(person.name, person.id);
        select.appendChild(option);
      }
      option.selected = true;
      list.innerHTML = "";
      input.value = "";
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        if (q.length < 2) { list.innerHTML = ""; return; }
        fetch(root.dataset.searchUrl + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(function (data) {
            list.innerHTML = "";
            data.results.forEach(function (person) {
              var item = document.createElement("li");
              var button = document.createElement("button");
              button.type = "button";
              button.className = "button button-small button-secondary";
              button.textContent = person.name;
              button.addEventListener("click", function () { add(person); });
              item.appendChild(button);
              list.appendChild(item);
            });
          });
      }, 250);
    });
  }
  function start() {
    document.querySelectorAll("[data-pseudonym-autocomplete]").forEach(function (root) {
      if (!root.dataset.ready) { root.dataset.ready = "1"; init(root); }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
