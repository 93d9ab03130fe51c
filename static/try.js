// Embeds the widget of ?site= (default "demo") with the one-tag snippet, as a site owner would.
(function () {
  var params = new URLSearchParams(location.search);
  var site = params.get("site") || "demo";
  var origin = params.get("widget") === "ip" ? location.protocol + "//127.0.0.1:" + location.port : location.origin;
  var script = document.createElement("script");
  script.src = origin + "/embed.js";
  script.async = true;
  script.dataset.site = site;
  if (params.get("locale")) script.dataset.locale = params.get("locale");
  document.getElementById("which").textContent = "Site: " + site + " — widget from " + origin;
  document.body.appendChild(script);
})();
