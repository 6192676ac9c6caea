package io.inkwell.post;

import java.time.Instant;
import java.util.UUID;

/**
 * The CSV representation of the export (RFC 4180): a header line, CRLF line ends, a field
 * quoted when it holds a comma, a quote, a line break or edge spaces, with quotes doubled
 * inside. Empty field for null. A text value that starts with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return gets a leading {@code '} so that
 * spreadsheets show it as text instead of evaluating it as a formula (OWASP's advice
 * against CSV injection).
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

	private static StringBuilder field(StringBuilder line, String raw) {
		if (raw == null) {
			return line;
		}
		String value = neutralised(raw);
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

	/**
	 * The value with a leading {@code '} when a spreadsheet would read it as a formula.
	 */
	static String neutralised(String value) {
		if (value.isEmpty()) {
			return value;
		}
		return switch (value.charAt(0)) {
			case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
			default -> value;
		};
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
