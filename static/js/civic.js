// Civic progressive enhancement. Every page works without this file; it only makes
// the mobile menu a real toggle button (without JS it opens through #site-menu:target).
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function setupMenu() {
    var toggle = document.querySelector("[data-menu-toggle]");
    var menu = document.getElementById("site-menu");
    if (!toggle || !menu) return;

    toggle.setAttribute("role", "button");
    toggle.setAttribute("aria-expanded", "false");

    function setOpen(open) {
      menu.classList.toggle("is-open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }

    toggle.addEventListener("click", function (event) {
      event.preventDefault();
      setOpen(!menu.classList.contains("is-open"));
    });
    toggle.addEventListener("keydown", function (event) {
      if (event.key === " ") {
        event.preventDefault();
        setOpen(!menu.classList.contains("is-open"));
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.classList.contains("is-open")) {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setupMenu);
  } else {
    setupMenu();
  }
})();
