package io.inkwell.docs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.inkwell.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The document at {@code /openapi.yaml} and {@code /v3/api-docs}, and Swagger UI at
 * {@code /docs} with every file it loads — served from memory (BlockHound would fail a
 * classpath read on the event loop), with ETags.
 */
@IntegrationTest
class DocsApiIntegrationTests {

	private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

	private WebTestClient client;

	@Autowired
	void client(WebTestClient client) {
		this.client = client.mutate()
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024))
			.build();
	}

	@Test
	void servesTheDocumentAsItIsInTheClasspath() throws IOException {
		EntityExchangeResult<byte[]> result = this.client.get()
			.uri("/openapi.yaml")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_YAML)
			.expectHeader()
			.cacheControl(CacheControl.noCache())
			.expectBody(byte[].class)
			.returnResult();
		assertThat(result.getResponseBody()).isEqualTo(classpath(OpenApiContract.DOCUMENT));
		assertThat(result.getResponseHeaders().getETag()).matches("\"[0-9a-f]{24}\"");
	}

	@Test
	void servesTheSameDocumentAsJson() {
		byte[] body = this.client.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		JsonNode json = JsonMapper.builder().build().readTree(body);
		assertThat(json).isEqualTo(OpenApiContract.get().document());
	}

	@Test
	void answers304ForTheCurrentEtagAnd200ForAnotherOne() {
		String etag = this.client.get()
			.uri("/openapi.yaml")
			.exchange()
			.returnResult(byte[].class)
			.getResponseHeaders()
			.getETag();
		this.client.get()
			.uri("/openapi.yaml")
			.header(HttpHeaders.IF_NONE_MATCH, etag)
			.exchange()
			.expectStatus()
			.isNotModified()
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, etag)
			.expectBody()
			.isEmpty();
		this.client.get()
			.uri("/openapi.yaml")
			.header(HttpHeaders.IF_NONE_MATCH, "\"stale\"")
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void loadsEveryFileOfTheSwaggerUiPageFromTheApplication() {
		URI page = URI.create("http://localhost/docs");
		String html = this.client.get()
			.uri(page.getPath())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		List<String> references = new ArrayList<>();
		Matcher matcher = REFERENCE.matcher(html);
		while (matcher.find()) {
			references.add(matcher.group(1));
		}
		assertThat(references)
			.contains("docs/swagger-ui-bundle.js", "docs/swagger-initializer.js", "docs/swagger-ui.css")
			.noneMatch((reference) -> reference.startsWith("http"));
		for (String reference : references) {
			this.client.get().uri(page.resolve(reference).getPath()).exchange().expectStatus().isOk();
		}
		String initializer = this.client.get()
			.uri(page.resolve("docs/swagger-initializer.js").getPath())
			.exchange()
			.expectHeader()
			.contentTypeCompatibleWith("text/javascript")
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(initializer).contains("url: \"openapi.yaml\"");
		// the document's URL is resolved against the page, as the browser does
		this.client.get().uri(page.resolve("openapi.yaml").getPath()).exchange().expectStatus().isOk();
	}

	@Test
	void servesTheWebjarsFilesUnchanged() throws IOException {
		String version = new String(classpath("META-INF/maven/org.webjars/swagger-ui/pom.properties"),
				StandardCharsets.ISO_8859_1)
			.lines()
			.filter((line) -> line.startsWith("version="))
			.findFirst()
			.orElseThrow()
			.substring("version=".length());
		String webjar = "META-INF/resources/webjars/swagger-ui/" + version + "/";
		EntityExchangeResult<byte[]> bundle = this.client.get()
			.uri("/docs/swagger-ui-bundle.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult();
		assertThat(bundle.getResponseBody()).isEqualTo(classpath(webjar + "swagger-ui-bundle.js"));
		assertThat(bundle.getResponseHeaders().getETag()).isEqualTo("\"swagger-ui-" + version + "\"");
		this.client.get()
			.uri("/docs/favicon-16x16.png")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.IMAGE_PNG)
			.expectBody(byte[].class)
			.isEqualTo(classpath(webjar + "favicon-16x16.png"));
	}

	@Test
	void servesNoOtherFileOfTheClasspath() {
		for (String path : List.of("/docs/index.html", "/docs/oauth2-redirect.html")) {
			// an absolute URI keeps the encoded slash as it is
			this.client.get()
				.uri((base) -> URI.create(base.build() + path))
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:inkwell:problem:not-found");
		}
		// an encoded slash never reaches the handler: Spring Security's firewall refuses
		// it with its 400
		this.client.get()
			.uri((base) -> URI.create(base.build() + "/docs/..%2Fapplication.yaml"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:inkwell:problem:invalid-parameter");
	}

	private static byte[] classpath(String path) throws IOException {
		try (InputStream in = DocsApiIntegrationTests.class.getClassLoader().getResourceAsStream(path)) {
			assertThat(in).as(path).isNotNull();
			return in.readAllBytes();
		}
	}

}
