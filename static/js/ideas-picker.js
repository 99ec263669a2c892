/* Location picker of the idea form: click the map or "Utiliser ma position" to fill the
 * latitude/longitude inputs (which stay visible and editable: they are the no-JS way).
 * Needs civic-map.js (loaded before it) for the map itself. */
(function () {
  "use strict";
  var picker = document.getElementById("location-picker");
  if (!picker || typeof L === "undefined" || !window.CivicMap) return;
  var latInput = document.getElementById("id_latitude");
  var lonInput = document.getElementById("id_longitude");
  var status = picker.querySelector("[data-location-status]");
  picker.hidden = false;

  // The background (the city's tiles, or districts on a plain one) is the site's map's.
  var map = window.CivicMap.create(document.getElementById("location-picker-map"), picker);
  map.scrollWheelZoom.enable();
  var marker = null;

  function place(lat, lon, pan) {
    lat = Math.round(lat * 1e6) / 1e6;
    lon = Math.round(lon * 1e6) / 1e6;
    latInput.value = lat.toFixed(6);
    lonInput.value = lon.toFixed(6);
    if (marker) {
      marker.setLatLng([lat, lon]);
    } else {
      marker = L.marker([lat, lon], { draggable: true, title: picker.dataset.labelPlaced }).addTo(map);
      marker.on("dragend", function () {
        var p = marker.getLatLng();
        place(p.lat, p.lng, false);
      });
    }
    map.civicHasMarkers = true; // the districts, if they load later, do not move the view
    if (pan) map.setView([lat, lon], Math.max(map.getZoom(), 16));
    status.textContent = picker.dataset.labelPlaced;
  }

  function fromInputs() {
    var lat = parseFloat(latInput.value);
    var lon = parseFloat(lonInput.value);
    if (!isNaN(lat) && !isNaN(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
      place(lat, lon, true);
    }
  }

  fromInputs();
  map.on("click", function (event) { place(event.latlng.lat, event.latlng.lng, false); });
  latInput.addEventListener("change", fromInputs);
  lonInput.addEventListener("change", fromInputs);

  picker.querySelector("[data-locate]").addEventListener("click", function () {
    if (!navigator.geolocation) {
      status.textContent = picker.dataset.labelDenied;
      return;
    }
    status.textContent = picker.dataset.labelLocating;
    navigator.geolocation.getCurrentPosition(
      function (position) { place(position.coords.latitude, position.coords.longitude, true); },
      function () { status.textContent = picker.dataset.labelDenied; },
      { enableHighAccuracy: true, timeout: 10000 }
    );
  });

  picker.querySelector("[data-clear-location]").addEventListener("click", function () {
    latInput.value = "";
    lonInput.value = "";
    if (marker) {
      map.removeLayer(marker);
      marker = null;
    }
    status.textContent = "";
  });
})();
