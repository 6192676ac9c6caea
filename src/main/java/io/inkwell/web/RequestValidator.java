package io.inkwell.web;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Reads and validates JSON request bodies for the functional handlers: an absent body, a
 * body that is not JSON and a body that breaks a constraint all become 400 problems.
 */
@Component
public class RequestValidator {

	private final Validator validator;

	RequestValidator(Validator validator) {
		this.validator = validator;
		// Hibernate Validator reads its message bundles from the jar on first use; do
		// that here, on
		// the main thread, instead of in the first invalid request on an event-loop
		// thread
		this.validator.validate(new Warmup(null));
	}

	/**
	 * The request body as {@code type}, validated; errors as {@link ProblemException}.
	 */
	public <T> Mono<T> body(ServerRequest request, Class<T> type) {
		return request.bodyToMono(type)
			.switchIfEmpty(
					Mono.error(() -> new ProblemException(ProblemType.MALFORMED_BODY, "a JSON body is required")))
			.map(this::validate);
	}

	/** Validates {@code value}, throwing a 400 problem listing every violation. */
	public <T> T validate(T value) {
		Set<ConstraintViolation<T>> violations = this.validator.validate(value);
		if (violations.isEmpty()) {
			return value;
		}
		List<ProblemException.FieldError> errors = violations.stream()
			.map((violation) -> new ProblemException.FieldError(violation.getPropertyPath().toString(),
					violation.getMessage()))
			.sorted(Comparator.comparing(ProblemException.FieldError::field)
				.thenComparing(ProblemException.FieldError::message))
			.toList();
		throw new ProblemException(ProblemType.VALIDATION, errors.size() + " field(s) are invalid", errors);
	}

	private record Warmup(@NotBlank String value) {
	}

}
