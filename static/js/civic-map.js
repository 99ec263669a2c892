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
 *   data-zoom-in-title, data-zoom-out-title, data-popup-close-label
 *                           the words of Leaflet's buttons in the page's language
 *   data-cluster            present: nearby markers are grouped into a numbered cluster (the
 *                           page then includes vendor/leaflet.markercluster, see
 *                           templates/includes/map_scripts.html)
 *   data-cluster-label      "%(count)s idées" : the accessible name of a cluster
 * and what it shows, one of:
 *   data-lat, data-lon, data-title   one place (data-zoom: its zoom, 16 by default)
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
    // maxZoom: without tiles the map has no zoom range of its own, which clustering needs.
    var map = L.map(container, {
      scrollWheelZoom: "scrollWheel" in data,
      zoomControl: false,
      maxZoom: 19,
    });
    L.control
      .zoom({
        zoomInTitle: data.zoomInTitle || "Zoom in",
        zoomOutTitle: data.zoomOutTitle || "Zoom out",
      })
      .addTo(map);
    if (data.popupCloseLabel) {
      map.on("popupopen", function (event) {
        var button = event.popup.getElement().querySelector(".leaflet-popup-close-button");
        if (button) {
          button.setAttribute("aria-label", data.popupCloseLabel);
          button.setAttribute("title", data.popupCloseLabel);
        }
      });
    }
    map.setView([parseFloat(data.centerLat), parseFloat(data.centerLon)], 14);
    background(map, settings);
    return map;
  }

  function escapeAttribute(text) {
    return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  }

  // The layer markers are added to: a cluster group (Leaflet.markercluster, included by the
  // page) when the element asks for one, whose icons say how many markers they hold, to a
  // screen reader too.
  function markerLayer(element) {
    var data = element.dataset;
    if (!("cluster" in data)) return L.featureGroup();
    var label = data.clusterLabel || "%(count)s";
    return L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 50,
      iconCreateFunction: function (cluster) {
        var count = cluster.getChildCount();
        var size = count < 10 ? "small" : count < 50 ? "medium" : "large";
        var name = escapeAttribute(label.replace("%(count)s", count));
        return L.divIcon({
          html: '<div role="img" aria-label="' + name + '" title="' + name + '"><span aria-hidden="true">' + count + "</span></div>",
          className: "marker-cluster marker-cluster-" + size,
          iconSize: L.point(40, 40),
        });
      },
    });
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
    var zoom = parseInt(data.zoom, 10);
    map.setView(point, zoom >= 1 && zoom <= 19 ? zoom : 16);
    L.marker(point, { title: data.title, alt: data.title }).addTo(map);
  }

  function listedPoints(element) {
    var source = document.getElementById(element.dataset.points);
    var points = source ? JSON.parse(source.textContent) : [];
    if (points.length === 0) return;
    prepare(element);
    var map = create(element, element);
    var layer = markerLayer(element);
    points.forEach(function (item) {
      layer.addLayer(
        L.marker([item.lat, item.lon], { title: item.title, alt: item.title })
          .bindPopup(popup(item.title, item.url))
      );
    });
    showAll(map, layer.addTo(map));
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
        var layer = markerLayer(element);
        L.geoJSON(geojson, {
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
        }).eachLayer(function (marker) { layer.addLayer(marker); });
        showAll(map, layer.addTo(map));
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
