package io.inkwell.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every SQL constant or literal that main code hands to {@code DatabaseClient.sql(…)}
 * starts with its {@code /* Name.method *}{@code /} comment, including statements no test
 * runs. SQL assembled at run time is checked where it runs, by
 * {@code NamedStatementsCheck}.
 */
class StatementNamesSourceTests {

	private static final Pattern SQL_CALL = Pattern.compile("\\.sql\\(\\s*(\"|[A-Z][A-Z0-9_]*\\b)");

	@Test
	void everyStatementHandedToTheDatabaseClientIsNamed() throws IOException {
		List<String> unnamed = new ArrayList<>();
		int checked = 0;
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				String source = Files.readString(file);
				Matcher call = SQL_CALL.matcher(source);
				while (call.find()) {
					String start = call.group(1).equals("\"") ? source.substring(call.end(1))
							: constantText(source, call.group(1));
					if (start == null) {
						unnamed
							.add(file.getFileName() + ": " + call.group(1) + " is not a String constant of the file");
						continue;
					}
					checked++;
					if (!start.stripLeading().startsWith("/*")) {
						unnamed.add(file.getFileName() + ": " + call.group(1));
					}
				}
			}
		}
		assertThat(checked).as("statements found").isGreaterThan(50);
		assertThat(unnamed).as("statements without a leading /* Name.method */ comment").isEmpty();
	}

	/**
	 * The text of {@code static final String NAME = "…"} or {@code = """…}, from its
	 * first character.
	 */
	private static String constantText(String source, String name) {
		Matcher declaration = Pattern.compile("String " + name + " = (\"\"\"\\R|\")").matcher(source);
		return declaration.find() ? source.substring(declaration.end()) : null;
	}

}
