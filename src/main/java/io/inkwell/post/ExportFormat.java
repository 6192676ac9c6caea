package io.inkwell.post;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.http.MediaType;

/**
 * The representations of the posts export, chosen from the request's {@code Accept}
 * header.
 */
enum ExportFormat {

	NDJSON(MediaType.APPLICATION_NDJSON),

	CSV(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8));

	private final MediaType mediaType;

	ExportFormat(MediaType mediaType) {
		this.mediaType = mediaType;
	}

	MediaType mediaType() {
		return this.mediaType;
	}

	/**
	 * The format the client prefers: highest quality first, then the order the client
	 * gave. No {@code Accept} header (or {@code *}{@code /*}) means NDJSON; {@code q=0}
	 * rules a type out.
	 * @return empty when the client accepts neither format
	 */
	static Optional<ExportFormat> negotiate(List<MediaType> accepted) {
		if (accepted.isEmpty()) {
			return Optional.of(NDJSON);
		}
		List<MediaType> byQuality = accepted.stream()
			.filter((type) -> type.getQualityValue() > 0)
			.sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed())
			.toList();
		for (MediaType type : byQuality) {
			for (ExportFormat format : values()) {
				if (type.includes(format.mediaType)) {
					return Optional.of(format);
				}
			}
		}
		return Optional.empty();
	}

}
