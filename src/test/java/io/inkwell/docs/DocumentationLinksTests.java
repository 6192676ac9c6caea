package io.inkwell.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link in README.md and docs/**&#47;*.md points at a file that exists, and
 * every {@code #anchor} at a heading of the target file (GitHub's slugs). Plain files, no
 * Spring context; paths are relative to the project directory, where Maven runs the
 * tests.
 */
class DocumentationLinksTests {

	private static final Path README = Path.of("README.md");

	private static final Path DOCS = Path.of("docs");

	/**
	 * {@code [text](target)} or {@code ![alt](target "title")}; the target has no spaces.
	 */
	private static final Pattern LINK = Pattern
		.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

	private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");

	private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*|^//.*");

	private final Map<Path, Set<String>> anchors = new HashMap<>();

	@Test
	void everyRelativeLinkAndAnchorResolves() {
		List<Path> files = markdownFiles();
		assertThat(files).contains(README).hasSizeGreaterThan(1);
		List<String> broken = new ArrayList<>();
		int checked = 0;
		for (Path file : files) {
			for (String target : links(file)) {
				if (SCHEME.matcher(target).matches()) {
					continue;
				}
				checked++;
				String problem = check(file, target);
				if (problem != null) {
					broken.add(file + ": (" + target + ") " + problem);
				}
			}
		}
		assertThat(checked).as("relative links found").isGreaterThan(10);
		assertThat(broken).as("broken links").isEmpty();
	}

	@Test
	void readmeStaysShort() throws IOException {
		List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
		assertThat(lines).as("README.md lines (depth belongs in docs/)").hasSizeLessThanOrEqualTo(300);
		for (int i = 0; i < lines.size(); i++) {
			assertThat(lines.get(i).length()).as("README.md line %d length", i + 1).isLessThanOrEqualTo(200);
		}
	}

	@Test
	void slugsFollowGitHub() {
		assertThat(slugs(List.of("## Roles: who may do what", "## Load and faults: `src/bench/bench.sh`",
				"## Expand/contract deploys", "# The API", "## Errors", "### Errors", "## Errors")))
			.containsExactly("roles-who-may-do-what", "load-and-faults-srcbenchbenchsh", "expandcontract-deploys",
					"the-api", "errors", "errors-1", "errors-2");
	}

	private String check(Path file, String target) {
		int hash = target.indexOf('#');
		String pathPart = (hash >= 0) ? target.substring(0, hash) : target;
		String anchor = (hash >= 0) ? target.substring(hash + 1) : null;
		Path resolved = pathPart.isEmpty() ? file
				: normalize(file.getParent(), URLDecoder.decode(pathPart, StandardCharsets.UTF_8));
		if (!Files.exists(resolved)) {
			return "no such file: " + resolved;
		}
		if (anchor == null || anchor.isEmpty()) {
			return null;
		}
		if (Files.isDirectory(resolved) || !resolved.toString().endsWith(".md")) {
			return "an anchor into something that is not a Markdown file: " + resolved;
		}
		Set<String> headings = this.anchors.computeIfAbsent(resolved, (path) -> Set.copyOf(slugs(read(path))));
		String wanted = URLDecoder.decode(anchor, StandardCharsets.UTF_8).toLowerCase();
		return headings.contains(wanted) ? null : "no heading with the slug '" + wanted + "' in " + resolved;
	}

	private static Path normalize(Path directory, String relative) {
		Path base = (directory != null) ? directory : Path.of("");
		return base.resolve(relative).normalize();
	}

	private static List<Path> markdownFiles() {
		List<Path> files = new ArrayList<>();
		files.add(README);
		try (Stream<Path> walk = Files.walk(DOCS)) {
			walk.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(files::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return files;
	}

	/**
	 * The link targets of a Markdown file, outside fenced code blocks and inline code
	 * spans.
	 */
	private static List<String> links(Path file) {
		List<String> targets = new ArrayList<>();
		for (String line : prose(read(file))) {
			Matcher matcher = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
			while (matcher.find()) {
				targets.add(matcher.group(1));
			}
		}
		return targets;
	}

	/**
	 * GitHub's anchors of the headings: rendered text, lower case, punctuation but '-'
	 * and '_' dropped.
	 */
	static List<String> slugs(List<String> lines) {
		List<String> slugs = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (String line : prose(lines)) {
			Matcher heading = HEADING.matcher(line);
			if (!heading.matches()) {
				continue;
			}
			String text = heading.group(2)
				.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
				.replaceAll("<[^>]+>", "")
				.replace("`", "");
			StringBuilder slug = new StringBuilder();
			text.toLowerCase().codePoints().forEach((c) -> {
				if (c == ' ') {
					slug.append('-');
				}
				else if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
					slug.appendCodePoint(c);
				}
			});
			String base = slug.toString();
			int count = seen.merge(base, 1, Integer::sum);
			slugs.add((count == 1) ? base : base + "-" + (count - 1));
		}
		return slugs;
	}

	/** The lines outside fenced code blocks. */
	private static List<String> prose(List<String> lines) {
		List<String> prose = new ArrayList<>();
		String fence = null;
		for (String line : lines) {
			String trimmed = line.stripLeading();
			if (fence == null && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
				fence = trimmed.substring(0, 3);
			}
			else if (fence != null && trimmed.startsWith(fence)) {
				fence = null;
			}
			else if (fence == null) {
				prose.add(line);
			}
		}
		return prose;
	}

	private static List<String> read(Path file) {
		try {
			return Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
