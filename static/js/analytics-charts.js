/* Analytics charts (plotly.js, vendored). Each <figure data-chart="ID"> holds its figure as
 * JSON in <script type="application/json" id="ID"> (json_script: no inline code, CSP-safe).
 * The table beside each chart says the same thing, so the page is complete without JS. */
(function () {
  "use strict";
  function draw() {
    if (typeof Plotly === "undefined") return;
    document.querySelectorAll("[data-chart]").forEach(function (figure) {
      var source = document.getElementById(figure.dataset.chart);
      var plot = figure.querySelector(".analytics-chart__plot");
      if (!source || !plot || figure.classList.contains("is-drawn")) return;
      var spec;
      try {
        spec = JSON.parse(source.textContent);
      } catch (error) {
        return;
      }
      figure.classList.add("is-drawn");
      Plotly.newPlot(plot, spec.data, spec.layout, spec.config);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
