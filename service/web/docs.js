// Swagger UI for /docs, from files this service serves itself: works offline and behind a
// newsroom firewall, and runs under the page's Content-Security-Policy (no inline script).
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});
