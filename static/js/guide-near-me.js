/* "Trier par distance" on /equipements/: with the visitor's consent the browser gives its
 * position, rounded to about 100 m, and the list is asked again sorted nearest first
 * (?pres=lat,lon). Without JavaScript or geolocation the button stays hidden: the list is
 * by name. */
(function () {
  "use strict";
  var button = document.querySelector("[data-near-me]");
  var status = document.querySelector("[data-near-me-status]");
  if (!button || !("geolocation" in navigator)) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    if (status) status.textContent = "Localisation en cours…";
    navigator.geolocation.getCurrentPosition(
      function (position) {
        var url = new URL(window.location.href);
        url.searchParams.set(
          "pres",
          position.coords.latitude.toFixed(3) + "," + position.coords.longitude.toFixed(3)
        );
        url.searchParams.delete("page");
        window.location.assign(url.toString());
      },
      function () {
        if (status) status.textContent = "Position indisponible : la liste reste par ordre alphabétique.";
      },
      { maximumAge: 300000, timeout: 10000 }
    );
  });
})();
