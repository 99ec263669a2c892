/* The alert banners (templates/cms/includes/alerts.html) are <details> open by default: the
 * visitor folds one by its summary, without JavaScript too. This script remembers the folded
 * ones in this browser, so an alert folded once stays folded on the next pages. */
(function () {
  "use strict";
  var KEY = "civic-alerts-folded";
  var folded;
  try { folded = JSON.parse(window.localStorage.getItem(KEY) || "[]"); } catch (e) { folded = []; }
  Array.prototype.forEach.call(document.querySelectorAll("[data-alert-id]"), function (alert) {
    var id = alert.dataset.alertId;
    if (folded.indexOf(id) !== -1) alert.open = false;
    alert.addEventListener("toggle", function () {
      folded = folded.filter(function (other) { return other !== id; });
      if (!alert.open) folded.push(id);
      try { window.localStorage.setItem(KEY, JSON.stringify(folded.slice(-20))); } catch (e) { /* private mode */ }
    });
  });
})();
