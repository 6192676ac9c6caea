package io.inkwell.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

/**
 * The top-level {@code Dockerfile}, read as Docker reads it: comments dropped,
 * continuation lines joined, one instruction per line, split into build stages at
 * {@code FROM}. (There is no Docker engine here to build it; this is what the tests can
 * check without one.)
 */
record Dockerfile(List<Stage> stages) {

	static final Path PATH = Path.of("Dockerfile");

	record Instruction(String keyword, String arguments) {

		/**
		 * The arguments of an exec-form instruction, e.g.
		 * {@code ENTRYPOINT ["java", "-jar", ...]}.
		 */
		List<String> execForm() {
			JsonNode array = KubernetesYaml.STRICT.readTree(this.arguments);
			if (!array.isArray()) {
				throw new AssertionError(this.keyword + " is not in exec form: " + this.arguments);
			}
			List<String> values = new ArrayList<>();
			array.forEach((value) -> values.add(value.asString()));
			return values;
		}

	}

	record Stage(String from, List<Instruction> instructions) {

		List<Instruction> all(String keyword) {
			return this.instructions.stream().filter((instruction) -> instruction.keyword().equals(keyword)).toList();
		}

		Instruction last(String keyword) {
			List<Instruction> all = all(keyword);
			if (all.isEmpty()) {
				throw new AssertionError("the stage FROM " + this.from + " has no " + keyword);
			}
			return all.get(all.size() - 1);
		}

	}

	static Dockerfile read() {
		String text;
		try {
			text = Files.readString(PATH);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> lines = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : text.lines().toList()) {
			String stripped = line.strip();
			if (stripped.startsWith("#")) {
				continue;
			}
			if (stripped.endsWith("\\")) {
				current.append(stripped, 0, stripped.length() - 1).append(' ');
				continue;
			}
			current.append(stripped);
			if (!current.toString().isBlank()) {
				lines.add(current.toString().strip());
			}
			current.setLength(0);
		}
		List<Stage> stages = new ArrayList<>();
		List<Instruction> preamble = new ArrayList<>();
		List<Instruction> target = preamble;
		for (String line : lines) {
			int space = line.indexOf(' ');
			Instruction instruction = new Instruction(line.substring(0, space).toUpperCase(Locale.ROOT),
					line.substring(space + 1).strip());
			if (instruction.keyword().equals("FROM")) {
				target = new ArrayList<>();
				stages.add(new Stage(instruction.arguments(), target));
			}
			else {
				target.add(instruction);
			}
		}
		return new Dockerfile(stages);
	}

	Stage runtime() {
		return this.stages.get(this.stages.size() - 1);
	}

}
