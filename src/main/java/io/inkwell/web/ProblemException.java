package io.inkwell.web;

import java.util.List;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An error that becomes a problem+json response of a catalogued {@link ProblemType}.
 * Features throw it (or subclasses) from handlers and services; {@link ProblemHandler}
 * writes it.
 */
public class ProblemException extends ErrorResponseException {

	public ProblemException(ProblemType type, String detail) {
		this(type, type.status(), detail, List.of());
	}

	public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
		this(type, type.status(), detail, errors);
	}

	protected ProblemException(ProblemType type, HttpStatusCode status, String detail, List<FieldError> errors) {
		super(status, problem(type, status, detail, errors), null);
	}

	public static ProblemException notFound(String what, Object id) {
		return new ProblemException(ProblemType.NOT_FOUND, what + " " + id + " not found");
	}

	public static ProblemException invalidParameter(String name, String message) {
		return new ProblemException(ProblemType.INVALID_PARAMETER, name + ": " + message,
				List.of(new FieldError(name, message)));
	}

	private static ProblemDetail problem(ProblemType type, HttpStatusCode status, String detail,
			List<FieldError> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type.type());
		problem.setTitle(type.title());
		if (!errors.isEmpty()) {
			problem.setProperty("errors", errors);
		}
		return problem;
	}

	/**
	 * One rejected field of a request; {@code field} is a JSON path such as
	 * {@code profile.bio}.
	 */
	public record FieldError(String field, String message) {
	}

}
