package io.inkwell.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;

import io.inkwell.web.ProblemException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the OpenAPI document and Swagger UI from memory, never from the classpath on an
 * event-loop thread (reading a jar entry blocks). The document and the small pages are
 * read once at start-up, on the main thread; Swagger UI's large files are read on first
 * request on a bounded-elastic thread and then kept. Every answer carries an ETag and
 * honours {@code If-None-Match}.
 */
@Component
class DocsHandler {

	/** The OpenAPI document, in the classpath. */
	static final String SPEC = "openapi/openapi.yaml";

	private static final String WEBJAR_PROPERTIES = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

	private static final MediaType JAVASCRIPT = new MediaType("text", "javascript", StandardCharsets.UTF_8);

	private static final MediaType CSS = new MediaType("text", "css", StandardCharsets.UTF_8);

	private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

	private final Document yaml;

	private final Document json;

	private final Document index;

	/**
	 * The files {@code /docs/{asset}} serves; nothing else of the classpath is reachable.
	 */
	private final Map<String, Mono<Document>> assets;

	DocsHandler(JsonMapper jsonMapper) {
		byte[] spec = read(SPEC);
		this.yaml = Document.of(spec, MediaType.APPLICATION_YAML);
		// parsing at start-up also stops a build whose document is not valid YAML from
		// serving
		this.json = Document.of(jsonMapper.writeValueAsBytes(new YAMLMapper().readTree(spec)),
				MediaType.APPLICATION_JSON);
		this.index = Document.of(read("docs/index.html"), HTML);
		Document initializer = Document.of(read("docs/swagger-initializer.js"), JAVASCRIPT);
		String version = swaggerUiVersion();
		String webjar = "META-INF/resources/webjars/swagger-ui/" + version + "/";
		// the webjar's version names the content of its files
		String etag = "\"swagger-ui-" + version + "\"";
		this.assets = Map.of("swagger-initializer.js", Mono.just(initializer), "swagger-ui-bundle.js",
				lazily(webjar + "swagger-ui-bundle.js", JAVASCRIPT, etag), "swagger-ui.css",
				lazily(webjar + "swagger-ui.css", CSS, etag), "favicon-32x32.png",
				lazily(webjar + "favicon-32x32.png", MediaType.IMAGE_PNG, etag), "favicon-16x16.png",
				lazily(webjar + "favicon-16x16.png", MediaType.IMAGE_PNG, etag));
	}

	Mono<ServerResponse> yaml(ServerRequest request) {
		return serve(request, this.yaml);
	}

	Mono<ServerResponse> json(ServerRequest request) {
		return serve(request, this.json);
	}

	Mono<ServerResponse> index(ServerRequest request) {
		return serve(request, this.index);
	}

	Mono<ServerResponse> asset(ServerRequest request) {
		String name = request.pathVariable("asset");
		Mono<Document> asset = this.assets.get(name);
		if (asset == null) {
			throw ProblemException.notFound("file", name);
		}
		return asset.flatMap((document) -> serve(request, document));
	}

	private static Mono<ServerResponse> serve(ServerRequest request, Document document) {
		return request.checkNotModified(document.etag())
			.switchIfEmpty(Mono.defer(() -> ServerResponse.ok()
				.contentType(document.type())
				.eTag(document.etag())
				.cacheControl(CacheControl.noCache())
				.bodyValue(document.bytes())));
	}

	private static Mono<Document> lazily(String path, MediaType type, String etag) {
		return Mono.fromCallable(() -> new Document(read(path), type, etag))
			.subscribeOn(Schedulers.boundedElastic())
			.cache();
	}

	private static String swaggerUiVersion() {
		Properties properties = new Properties();
		try (InputStream in = new ClassPathResource(WEBJAR_PROPERTIES).getInputStream()) {
			properties.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Swagger UI webjar not on the classpath", ex);
		}
		return properties.getProperty("version");
	}

	private static byte[] read(String path) {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + path + " from the classpath", ex);
		}
	}

	/** A file to serve; {@code etag} is a quoted strong entity tag. */
	private record Document(byte[] bytes, MediaType type, String etag) {

		static Document of(byte[] bytes, MediaType type) {
			try {
				byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
				return new Document(bytes, type, "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"");
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
			}
		}

	}

}
