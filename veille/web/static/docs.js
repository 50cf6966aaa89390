// Starts the vendored Swagger UI or ReDoc on /openapi.json: an external script, so the pages keep a
// Content-Security-Policy without inline scripts.
(function () {
  var el = document.getElementById("docs");
  var spec = el.dataset.spec;
  if (el.dataset.ui === "redoc") {
    Redoc.init(spec, {}, el);
  } else {
    SwaggerUIBundle({url: spec, domNode: el, deepLinking: true,
                     presets: [SwaggerUIBundle.presets.apis], layout: "BaseLayout"});
  }
})();
