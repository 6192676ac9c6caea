package io.inkwell.post;

import java.time.Instant;
import java.util.UUID;

/**
 * The CSV representation of the export (RFC 4180): a header line, CRLF line ends, a field
 * quoted when it holds a comma, a quote, a line break or edge spaces, with quotes doubled
 * inside. Empty field for null. Values are written as they are; spreadsheets that
 * evaluate cells starting with {@code =}, {@code +}, {@code -} or {@code @} should import
 * the file as text.
 */
final class PostCsv {

	static final String HEADER = "id,title,status,publishedAt,authorId,createdAt\r\n";

	private PostCsv() {
	}

	static String line(ExportedPost post) {
		StringBuilder line = new StringBuilder(160);
		field(line, post.id()).append(',');
		field(line, post.title()).append(',');
		field(line, post.status()).append(',');
		field(line, post.publishedAt()).append(',');
		field(line, post.authorId()).append(',');
		field(line, post.createdAt());
		return line.append("\r\n").toString();
	}

	private static StringBuilder field(StringBuilder line, UUID value) {
		return (value != null) ? line.append(value) : line;
	}

	private static StringBuilder field(StringBuilder line, Instant value) {
		return (value != null) ? line.append(value) : line;
	}

	private static StringBuilder field(StringBuilder line, String value) {
		if (value == null) {
			return line;
		}
		if (!needsQuotes(value)) {
			return line.append(value);
		}
		line.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"') {
				line.append('"');
			}
			line.append(c);
		}
		return line.append('"');
	}

	private static boolean needsQuotes(String value) {
		if (value.isEmpty()) {
			return false;
		}
		if (Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1))) {
			return true;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == ',' || c == '"' || c == '\r' || c == '\n') {
				return true;
			}
		}
		return false;
	}

}
