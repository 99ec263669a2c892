/* Maps of the ideas box (Leaflet, vendored): the listing's map of located ideas (fed by the
 * GeoJSON API) and the small map of one idea. Without JavaScript the fallback text and the
 * list below stay; nothing here is needed to use the pages. */
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
    var fallback = element.querySelector(".ideas-map__fallback");
    if (fallback) fallback.remove();
  }

  function link(feature) {
    var a = document.createElement("a");
    a.href = feature.properties.url;
    a.textContent = feature.properties.title;
    var wrapper = document.createElement("div");
    var status = document.createElement("p");
    status.textContent = feature.properties.status_label + " · " + feature.properties.theme;
    wrapper.appendChild(a);
    wrapper.appendChild(status);
    return wrapper;
  }

  var listMap = document.getElementById("ideas-map");
  if (listMap) {
    prepare(listMap);
    var center = [parseFloat(listMap.dataset.centerLat), parseFloat(listMap.dataset.centerLon)];
    var map = L.map(listMap).setView(center, 14);
    tiles(map, listMap);
    fetch(listMap.dataset.geojsonUrl, { headers: { Accept: "application/geo+json, application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (!data.features || data.features.length === 0) {
          var empty = document.createElement("p");
          empty.className = "ideas-map__empty";
          empty.setAttribute("role", "status");
          empty.textContent = listMap.dataset.emptyMessage;
          listMap.insertAdjacentElement("afterend", empty);
          return;
        }
        var layer = L.geoJSON(data, {
          onEachFeature: function (feature, marker) {
            marker.bindPopup(link(feature));
            marker.options.title = feature.properties.title;
            marker.options.alt = feature.properties.title;
          },
        }).addTo(map);
        map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 16 });
      })
      .catch(function () { /* the list below stays usable */ });
  }

  var ideaMap = document.getElementById("idea-map");
  if (ideaMap) {
    prepare(ideaMap);
    var point = [parseFloat(ideaMap.dataset.lat), parseFloat(ideaMap.dataset.lon)];
    var small = L.map(ideaMap, { scrollWheelZoom: false }).setView(point, 16);
    tiles(small, ideaMap);
    L.marker(point, { title: ideaMap.dataset.title, alt: ideaMap.dataset.title }).addTo(small);
  }
})();
