// Starts the vendored Swagger UI on /openapi.json: a file of its own, since the pages allow no inline script.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
