/* Every chart of the platform (civic/charts.py, drawn by the vendored plotly.js). Each
 * <figure data-chart="ID"> holds the figure as JSON in <script type="application/json" id="ID"> (json_script: no inline code, CSP-safe). The
 * table after each chart says the same thing, so the page is complete without JavaScript. */
(function () {
  "use strict";
  if (typeof Plotly === "undefined") return;
  document.querySelectorAll("[data-chart]").forEach(function (figure) {
    var source = document.getElementById(figure.dataset.chart);
    var plot = figure.querySelector(".civic-chart__plot");
    if (!source || !plot) return;
    var spec;
    try {
      spec = JSON.parse(source.textContent);
    } catch (error) {
      return;
    }
    // On a phone-sized plot a slightly smaller font keeps the wrapped labels beside the bars.
    if (plot.clientWidth < 480 && spec.layout && spec.layout.font) {
      spec.layout.font = Object.assign({}, spec.layout.font, { size: 12 });
    }
    figure.classList.add("is-drawn");
    Plotly.newPlot(plot, spec.data, spec.layout, spec.config);
  });
})();
