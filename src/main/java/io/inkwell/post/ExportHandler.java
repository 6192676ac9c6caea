package io.inkwell.post;

import java.util.List;
import java.util.UUID;

import io.inkwell.db.Ids;
import io.inkwell.security.Actor;
import io.inkwell.web.ProblemException;
import io.inkwell.web.ProblemType;
import io.inkwell.web.RequestParameters;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * HTTP only: negotiate the format, parse the filters, stream the service's posts. Both
 * formats write row by row as the database delivers them; nothing collects the whole
 * export.
 */
@Component
class ExportHandler {

	private final ExportService exports;

	private final JsonMapper json;

	ExportHandler(ExportService exports, JsonMapper json) {
		this.exports = exports;
		this.json = json;
	}

	Mono<ServerResponse> export(ServerRequest request) {
		ExportFormat format = ExportFormat.negotiate(accepted(request))
			.orElseThrow(() -> new ProblemException(ProblemType.NOT_ACCEPTABLE,
					"the export is available as application/x-ndjson or text/csv"));
		PostStatus status = RequestParameters.stringQuery(request, "status").map(ExportHandler::status).orElse(null);
		UUID authorId = RequestParameters.stringQuery(request, "authorId").map(ExportHandler::uuid).orElse(null);
		return Actor.of(request).flatMap((actor) -> respond(format, this.exports.export(actor, status, authorId)));
	}

	private Mono<ServerResponse> respond(ExportFormat format, Flux<ExportedPost> posts) {
		return switch (format) {
			// lines of text for both formats: written as they come and flushed whenever
			// no further line is ready. Not Jackson's NDJSON encoder, whose flush per
			// element wraps each buffer in a publisher of its own, which a response
			// cancelled mid-stream drops without releasing the buffer
			case NDJSON -> ServerResponse.ok()
				.contentType(format.mediaType())
				.body(posts.map((post) -> this.json.writeValueAsString(post) + "\n"), String.class);
			case CSV -> ServerResponse.ok()
				.contentType(format.mediaType())
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment().filename("posts.csv").build().toString())
				.body(Flux.concat(Mono.just(PostCsv.HEADER), posts.map(PostCsv::line)), String.class);
		};
	}

	private static List<MediaType> accepted(ServerRequest request) {
		try {
			return request.headers().accept();
		}
		catch (InvalidMediaTypeException ex) {
			throw ProblemException.invalidParameter("Accept", "is not a valid media type list");
		}
	}

	private static PostStatus status(String value) {
		try {
			return PostStatus.valueOf(value);
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.invalidParameter("status", "must be one of DRAFT, PUBLISHED, ARCHIVED");
		}
	}

	private static UUID uuid(String value) {
		UUID id = Ids.parseOrNull(value);
		if (id == null) {
			throw ProblemException.invalidParameter("authorId", "must be a UUID");
		}
		return id;
	}

}
