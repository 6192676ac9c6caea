package io.inkwell.post;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class ExportFormatTests {

	@Test
	void defaultsToNdjsonWithoutAccept() {
		assertThat(ExportFormat.negotiate(List.of())).contains(ExportFormat.NDJSON);
		assertThat(negotiate("*/*")).contains(ExportFormat.NDJSON);
	}

	@Test
	void prefersTheHighestQualityThenTheClientsOrder() {
		assertThat(negotiate("text/csv, application/x-ndjson")).contains(ExportFormat.CSV);
		assertThat(negotiate("application/x-ndjson, text/csv")).contains(ExportFormat.NDJSON);
		assertThat(negotiate("application/x-ndjson;q=0.4, text/csv;q=0.9")).contains(ExportFormat.CSV);
		assertThat(negotiate("text/*;q=0.3, application/*;q=0.5")).contains(ExportFormat.NDJSON);
	}

	@Test
	void findsNothingForOtherTypesOrQualityZero() {
		assertThat(negotiate("application/json")).isEmpty();
		assertThat(negotiate("text/plain, image/*")).isEmpty();
		assertThat(negotiate("application/x-ndjson;q=0, text/csv;q=0")).isEmpty();
	}

	private static Optional<ExportFormat> negotiate(String accept) {
		return ExportFormat.negotiate(MediaType.parseMediaTypes(accept));
	}

}
