/* Every map of the site (Leaflet, vendored), configured by the data- attributes of its
 * element (see civic/maps.py and templates/includes/map_attributes.html):
 *
 *   data-civic-map          marks the element; its [data-map-fallback] child (the text shown
 *                           without JavaScript) is removed once the map is drawn
 *   data-tile-url           tile URL template; empty: a plain background, no other server asked
 *   data-attribution        credit of the tiles
 *   data-districts-url      GeoJSON of the districts' outlines served by this site (optional)
 *   data-center-lat/-lon    where the map starts when it has no marker to show
 *   data-scroll-wheel       present: the mouse wheel zooms (off by default, for small maps)
 * and what it shows, one of:
 *   data-lat, data-lon, data-title   one place
 *   data-points             id of a <script type="application/json"> with [{lat, lon, title, url}]
 *   data-geojson-url        a GeoJSON of points (properties: title, url and the names listed in
 *                           data-popup-details), with data-empty-message when there is none
 *
 * window.CivicMap.create(container, settingsElement) gives other scripts (the location picker)
 * the same background. Without JavaScript the fallback text and the lists stay. */
(function () {
  "use strict";
  if (typeof L === "undefined") return;

  function background(map, settings) {
    var data = settings.dataset;
    if (data.tileUrl) {
      L.tileLayer(data.tileUrl, { maxZoom: 19, attribution: data.attribution || "" }).addTo(map);
    } else {
      map.getContainer().classList.add("civic-map--plain");
    }
    if (data.districtsUrl) {
      fetch(data.districtsUrl, { headers: { Accept: "application/geo+json, application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (geojson) {
          var districts = L.geoJSON(geojson, {
            interactive: false,
            style: { color: "#3d5a80", weight: 2, fillColor: "#98c1d9", fillOpacity: 0.15 },
            onEachFeature: function (feature, layer) {
              // Without tiles, the districts' names are what tells the reader where things are.
              if (feature.properties && feature.properties.name) {
                layer.bindTooltip(feature.properties.name, {
                  permanent: true,
                  direction: "center",
                  className: "civic-map__district",
                });
              }
            },
          }).addTo(map);
          districts.bringToBack();
          if (!map.civicHasMarkers && districts.getBounds().isValid()) {
            map.fitBounds(districts.getBounds(), { padding: [12, 12] });
          }
        })
        .catch(function () { /* the markers stay */ });
    }
  }

  function create(container, settings) {
    var data = settings.dataset;
    var map = L.map(container, { scrollWheelZoom: "scrollWheel" in data });
    map.setView([parseFloat(data.centerLat), parseFloat(data.centerLon)], 14);
    background(map, settings);
    return map;
  }

  function prepare(element) {
    element.classList.add("is-map");
    var fallback = element.querySelector("[data-map-fallback]");
    if (fallback) fallback.remove();
  }

  function popup(title, url, details) {
    var wrapper = document.createElement("div");
    var link = document.createElement("a");
    link.href = url;
    link.textContent = title;
    wrapper.appendChild(link);
    if (details) {
      var line = document.createElement("p");
      line.textContent = details;
      wrapper.appendChild(line);
    }
    return wrapper;
  }

  function showAll(map, layer) {
    map.civicHasMarkers = true;
    map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 16 });
  }

  function onePlace(element) {
    var data = element.dataset;
    var point = [parseFloat(data.lat), parseFloat(data.lon)];
    prepare(element);
    var map = create(element, element);
    map.civicHasMarkers = true;
    map.setView(point, 16);
    L.marker(point, { title: data.title, alt: data.title }).addTo(map);
  }

  function listedPoints(element) {
    var source = document.getElementById(element.dataset.points);
    var points = source ? JSON.parse(source.textContent) : [];
    if (points.length === 0) return;
    prepare(element);
    var map = create(element, element);
    var markers = points.map(function (item) {
      return L.marker([item.lat, item.lon], { title: item.title, alt: item.title })
        .bindPopup(popup(item.title, item.url));
    });
    showAll(map, L.featureGroup(markers).addTo(map));
  }

  function fetchedPoints(element) {
    var data = element.dataset;
    var details = (data.popupDetails || "").split(" ").filter(Boolean);
    prepare(element);
    var map = create(element, element);
    fetch(data.geojsonUrl, { headers: { Accept: "application/geo+json, application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (geojson) {
        if (!geojson.features || geojson.features.length === 0) {
          var empty = document.createElement("p");
          empty.className = "civic-map__empty";
          empty.setAttribute("role", "status");
          empty.textContent = data.emptyMessage || "";
          element.insertAdjacentElement("afterend", empty);
          return;
        }
        var layer = L.geoJSON(geojson, {
          onEachFeature: function (feature, marker) {
            var properties = feature.properties;
            var line = details
              .map(function (name) { return properties[name]; })
              .filter(Boolean)
              .join(" · ");
            marker.bindPopup(popup(properties.title, properties.url, line));
            marker.options.title = properties.title;
            marker.options.alt = properties.title;
          },
        }).addTo(map);
        showAll(map, layer);
      })
      .catch(function () { /* the list stays usable */ });
  }

  window.CivicMap = { create: create };

  Array.prototype.forEach.call(document.querySelectorAll("[data-civic-map]"), function (element) {
    var data = element.dataset;
    if (data.lat && data.lon) onePlace(element);
    else if (data.points) listedPoints(element);
    else if (data.geojsonUrl) fetchedPoints(element);
  });
})();
