package io.inkwell.post;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostCsvTests {

	private static final UUID ID = UUID.fromString("0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b");

	private static final UUID AUTHOR = UUID.fromString("0190a1b2-c3d4-7e5f-8a6b-000000000001");

	private static final Instant CREATED = Instant.parse("2026-11-20T10:00:00Z");

	@Test
	void writesPlainFieldsAsTheyAreWithCrlf() {
		assertThat(PostCsv.line(post("Plain title", Instant.parse("2026-11-20T12:30:00.123Z"))))
			.isEqualTo(ID + ",Plain title,PUBLISHED,2026-11-20T12:30:00.123Z," + AUTHOR + ",2026-11-20T10:00:00Z\r\n");
	}

	@Test
	void leavesNullFieldsEmpty() {
		assertThat(PostCsv.line(post("Draft", null))).contains(",PUBLISHED,," + AUTHOR);
	}

	@Test
	void quotesFieldsWithCommasQuotesLineBreaksAndEdgeSpaces() {
		assertThat(title("a,b")).isEqualTo("\"a,b\"");
		assertThat(title("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(title("two\nlines")).isEqualTo("\"two\nlines\"");
		assertThat(title("carriage\rreturn")).isEqualTo("\"carriage\rreturn\"");
		assertThat(title(" padded ")).isEqualTo("\" padded \"");
	}

	@Test
	void neutralisesCellsThatASpreadsheetWouldEvaluate() {
		assertThat(title("=1+2")).isEqualTo("'=1+2");
		assertThat(title("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
		assertThat(title("+1")).isEqualTo("'+1");
		assertThat(title("-2+3")).isEqualTo("'-2+3");
		assertThat(title("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(title("\tcmd")).isEqualTo("'\tcmd");
		assertThat(title("\rcmd")).isEqualTo("\"'\rcmd\"");
		// only the first character counts; a plain title stays as it is
		assertThat(title("a=b")).isEqualTo("a=b");
		assertThat(title("1-2")).isEqualTo("1-2");
		assertThat(title("'quoted")).isEqualTo("'quoted");
	}

	@Test
	void startsWithTheHeader() {
		assertThat(PostCsv.HEADER).isEqualTo("id,title,status,publishedAt,authorId,createdAt\r\n");
	}

	/** The title field as written, between the id's comma and the status. */
	private static String title(String title) {
		String line = PostCsv.line(post(title, null));
		return line.substring(ID.toString().length() + 1, line.lastIndexOf(",PUBLISHED,"));
	}

	private static ExportedPost post(String title, Instant publishedAt) {
		return new ExportedPost(ID, title, "PUBLISHED", publishedAt, AUTHOR, CREATED);
	}

}
