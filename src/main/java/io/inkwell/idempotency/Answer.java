package io.inkwell.idempotency;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * A successful answer of a write route before it becomes a response: status, the
 * {@code Location} of what was created (or null) and the JSON body. {@link Idempotency}
 * stores it under the request's key, or writes it straight out when there is none.
 */
public record Answer(HttpStatusCode status, URI location, Object body) {

	public static Answer created(URI location, Object body) {
		return new Answer(HttpStatus.CREATED, location, body);
	}

	public static Answer of(HttpStatusCode status, Object body) {
		return new Answer(status, null, body);
	}

}
