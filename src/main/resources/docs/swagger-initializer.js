// Renders the API's own document; the Swagger UI files come from the webjar, served by the app.
window.onload = function () {
	window.ui = SwaggerUIBundle({
		url: "openapi.yaml",
		dom_id: "#swagger-ui",
		deepLinking: true,
		presets: [SwaggerUIBundle.presets.apis],
		layout: "BaseLayout"
	});
};
