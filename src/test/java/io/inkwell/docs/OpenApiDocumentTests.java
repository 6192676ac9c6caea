package io.inkwell.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.inkwell.docs.OpenApiContract.Operation;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The document is well-formed OpenAPI 3.1 (swagger-parser finds nothing to report) and
 * keeps the conventions the contract tests and clients rely on.
 */
class OpenApiDocumentTests {

	private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");

	private final OpenApiContract contract = OpenApiContract.get();

	private final JsonNode document = this.contract.document();

	@Test
	void parsesAsOpenApi31WithoutMessages() throws IOException {
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		options.setResolveFully(true);
		SwaggerParseResult result = new OpenAPIV3Parser().readContents(text(), null, options);
		assertThat(result.getMessages()).isEmpty();
		assertThat(result.getOpenAPI().getSpecVersion()).isEqualTo(SpecVersion.V31);
		assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.1.");
		assertThat(result.getOpenAPI().getPaths()).hasSize(this.document.get("paths").size());
	}

	@Test
	void resolvesEveryRefInsideTheDocument() {
		List<String> refs = new ArrayList<>();
		walk(this.document, "", (pointer, node) -> {
			if (node.has("$ref")) {
				refs.add(node.get("$ref").asString());
			}
		});
		assertThat(refs).hasSizeGreaterThan(100);
		assertThat(refs).allSatisfy((ref) -> {
			assertThat(ref).startsWith("#/");
			assertThat(this.document.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
		});
	}

	@Test
	void declaresEachPathTemplateVariableAsARequiredPathParameter() {
		for (Operation operation : this.contract.operations()) {
			Set<String> variables = new TreeSet<>();
			Matcher matcher = VARIABLE.matcher(operation.path());
			while (matcher.find()) {
				variables.add(matcher.group(1));
			}
			Map<String, JsonNode> declared = this.contract.parameters(operation, "path");
			assertThat(declared.keySet()).as("path parameters of %s", operation)
				.containsExactlyInAnyOrderElementsOf(variables);
			declared.values()
				.forEach((parameter) -> assertThat(parameter.path("required").asBoolean(false))
					.as("%s: path parameter %s is required", operation, parameter.get("name"))
					.isTrue());
		}
	}

	@Test
	void namesEachOperationOnceWithADeclaredTagAndASummary() {
		Set<String> tags = new HashSet<>();
		this.document.get("tags").forEach((tag) -> tags.add(tag.get("name").asString()));
		Set<String> ids = new HashSet<>();
		for (Operation operation : this.contract.operations()) {
			JsonNode node = this.contract.operationNode(operation);
			assertThat(ids.add(node.path("operationId").asString(""))).as("unique operationId of %s", operation)
				.isTrue();
			assertThat(node.path("summary").asString("")).as("summary of %s", operation).isNotBlank();
			assertThat(node.get("tags")).as("tags of %s", operation).isNotEmpty();
			node.get("tags").forEach((tag) -> assertThat(tags).as("tag of %s", operation).contains(tag.asString()));
		}
	}

	@Test
	void answersEveryErrorWithAProblem() {
		for (Operation operation : this.contract.operations()) {
			for (String status : this.contract.statuses(operation)) {
				if (Integer.parseInt(status) < 400) {
					continue;
				}
				JsonNode response = this.contract
					.resolve(this.contract.operationNode(operation).get("responses").get(status));
				JsonNode content = response.path("content");
				assertThat(content.propertyNames()).as("%s → %s", operation, status)
					.containsExactly("application/problem+json");
				JsonNode schema = content.get("application/problem+json").get("schema");
				assertThat(schema.toString()).as("%s → %s", operation, status)
					.contains("\"$ref\":\"#/components/schemas/Problem\"");
			}
		}
	}

	@Test
	void sendsLocationWithEvery201AndRetryAfterWithEvery503() {
		// a bulk create makes many resources: there is no one Location to name
		Set<Operation> createsMany = Set.of(Operation.of("POST /api/users/bulk"));
		for (Operation operation : this.contract.operations()) {
			JsonNode responses = this.contract.operationNode(operation).get("responses");
			if (responses.has("201") && !createsMany.contains(operation)) {
				assertThat(requiredHeader(responses.get("201"), "Location")).as("Location of %s", operation).isTrue();
			}
			if (responses.has("503")) {
				assertThat(requiredHeader(responses.get("503"), "Retry-After")).as("Retry-After of %s", operation)
					.isTrue();
			}
		}
	}

	@Test
	void documentsTheGenericAnswersOfEveryOperation() {
		for (Operation operation : this.contract.operations()) {
			Set<String> statuses = this.contract.statuses(operation);
			assertThat(statuses).as("%s", operation).contains("500");
			if (operation.path().startsWith("/api/")) {
				assertThat(statuses).as("%s reads the database", operation).contains("400", "503");
			}
			if (this.contract.operationNode(operation).has("requestBody")) {
				assertThat(statuses).as("%s reads a body", operation).contains("400", "413", "415");
			}
			boolean addressesById = this.contract.parameters(operation, "path")
				.values()
				.stream()
				.anyMatch((parameter) -> parameter.path("schema").path("format").asString("").equals("uuid")
						|| parameter.path("schema").has("$ref"));
			if (addressesById) {
				assertThat(statuses).as("%s addresses a resource by id", operation).contains("404");
			}
		}
	}

	@Test
	void marksIdsAsUuidsAndInstantsAsDateTimes() {
		List<String> checked = new ArrayList<>();
		walk(this.document, "", (pointer, node) -> {
			if (!pointer.endsWith("/properties")) {
				return;
			}
			node.properties().forEach((entry) -> {
				String name = entry.getKey();
				JsonNode schema = entry.getValue();
				if (name.equals("id") || name.endsWith("Id")) {
					assertThat(schema.path("format").asString("")).as(pointer + "/" + name).isEqualTo("uuid");
					checked.add(name);
				}
				else if (name.endsWith("Ids")) {
					assertThat(schema.path("items").path("format").asString("")).as(pointer + "/" + name)
						.isEqualTo("uuid");
					checked.add(name);
				}
				else if (name.endsWith("At") || name.endsWith("From") || name.endsWith("To")) {
					assertThat(schema.path("format").asString("")).as(pointer + "/" + name).isEqualTo("date-time");
					checked.add(name);
				}
			});
		});
		walk(this.document, "", (pointer, node) -> {
			if (node.path("in").asString("").matches("path|query") && node.has("schema")) {
				String name = node.get("name").asString();
				if (name.equals("id") || name.endsWith("Id")) {
					assertThat(node.get("schema").path("format").asString("")).as(pointer).isEqualTo("uuid");
					checked.add(name);
				}
				if (name.startsWith("published")) {
					assertThat(node.get("schema").path("format").asString("")).as(pointer).isEqualTo("date-time");
					checked.add(name);
				}
			}
		});
		assertThat(checked).contains("id", "authorId", "categoryIds", "createdAt", "publishedAt", "publishedFrom",
				"postId");
	}

	@Test
	void writesEverySchemaAsValidJsonSchema202012() {
		// the 2020-12 meta-schema comes with the validator: no network
		Schema metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
			.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
		List<String> checked = new ArrayList<>();
		walk(this.document, "", (pointer, node) -> {
			boolean schema = pointer.endsWith("/schema") || pointer.matches("/components/schemas/[^/]+");
			if (schema) {
				assertThat(metaSchema.validate(node)).as(pointer).isEmpty();
				checked.add(pointer);
			}
		});
		assertThat(checked).hasSizeGreaterThan(100);
	}

	private boolean requiredHeader(JsonNode response, String name) {
		JsonNode header = this.contract.resolve(this.contract.resolve(response).path("headers").path(name));
		return header != null && header.path("required").asBoolean(false);
	}

	/** Visits every object node with its JSON pointer. */
	private static void walk(JsonNode node, String pointer, BiConsumer<String, JsonNode> visitor) {
		if (node.isObject()) {
			visitor.accept(pointer, node);
			node.properties()
				.forEach((entry) -> walk(entry.getValue(),
						pointer + "/" + entry.getKey().replace("~", "~0").replace("/", "~1"), visitor));
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				walk(node.get(i), pointer + "/" + i, visitor);
			}
		}
	}

	private static String text() throws IOException {
		try (InputStream in = OpenApiDocumentTests.class.getClassLoader()
			.getResourceAsStream(OpenApiContract.DOCUMENT)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
