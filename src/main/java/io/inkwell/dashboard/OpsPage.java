package io.inkwell.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The dashboard page: one HTML file, its script and its style sheet from {@code ops/} on
 * the classpath, read once at start-up (no file I/O on the event loop) and served with a
 * content security policy that allows nothing from elsewhere. The page itself is public;
 * its data comes from {@code /api/ops/**} with the bearer token it asks for.
 */
@Component
class OpsPage {

	private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
			+ " connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

	private final byte[] html;

	private final byte[] script;

	private final byte[] style;

	OpsPage() {
		this.html = read("ops/index.html");
		this.script = read("ops/dashboard.js");
		this.style = read("ops/dashboard.css");
	}

	Mono<ServerResponse> html(ServerRequest request) {
		return serve(this.html, MediaType.TEXT_HTML);
	}

	Mono<ServerResponse> script(ServerRequest request) {
		return serve(this.script, MediaType.valueOf("text/javascript;charset=UTF-8"));
	}

	Mono<ServerResponse> style(ServerRequest request) {
		return serve(this.style, MediaType.valueOf("text/css;charset=UTF-8"));
	}

	private static Mono<ServerResponse> serve(byte[] body, MediaType type) {
		return ServerResponse.ok()
			.contentType(type)
			.cacheControl(CacheControl.noCache())
			.header("Content-Security-Policy", POLICY)
			.header("X-Content-Type-Options", "nosniff")
			.header("Referrer-Policy", "no-referrer")
			.bodyValue(body);
	}

	private static byte[] read(String path) {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the dashboard page " + path + " is missing from the classpath", ex);
		}
	}

}
