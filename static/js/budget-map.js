/* Maps of the participatory budget (Leaflet, vendored): one project's place, and the winning
 * projects on the results page. Without JavaScript the fallback text or list stays. */
(function () {
  "use strict";
  if (typeof L === "undefined") return;

  function tiles(map, element) {
    L.tileLayer(element.dataset.tileUrl, {
      maxZoom: 19,
      attribution: element.dataset.attribution,
    }).addTo(map);
  }

  function prepare(element) {
    element.classList.add("is-map");
    var fallback = element.querySelector(".budget-map__fallback");
    if (fallback) fallback.remove();
  }

  var one = document.getElementById("budget-project-map");
  if (one) {
    prepare(one);
    var point = [parseFloat(one.dataset.lat), parseFloat(one.dataset.lon)];
    var small = L.map(one, { scrollWheelZoom: false }).setView(point, 16);
    tiles(small, one);
    L.marker(point, { title: one.dataset.title, alt: one.dataset.title }).addTo(small);
  }

  var many = document.getElementById("budget-results-map");
  if (many) {
    var source = document.getElementById(many.dataset.points);
    var points = source ? JSON.parse(source.textContent) : [];
    if (points.length === 0) return;
    prepare(many);
    var map = L.map(many, { scrollWheelZoom: false });
    tiles(map, many);
    var markers = points.map(function (item) {
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title;
      return L.marker([item.lat, item.lon], { title: item.title, alt: item.title }).bindPopup(link);
    });
    var group = L.featureGroup(markers).addTo(map);
    map.fitBounds(group.getBounds(), { padding: [24, 24], maxZoom: 16 });
  }
})();
