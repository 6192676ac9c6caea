package io.inkwell.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.format.PatternFormat;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.ExchangeResult;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The OpenAPI document as a test oracle: finds the operation a request hit (method + path
 * template) and checks a real exchange against it. A response must have a status the
 * operation documents, a documented content type (or no body when none is documented),
 * every header documented as required, and a body that validates against the media type's
 * schema (JSON Schema 2020-12 through the OpenAPI 3.1 dialect, {@code $ref}s resolved in
 * the document, formats such as {@code uuid} and {@code date-time} asserted). A problem's
 * {@code status} and {@code instance} must repeat the HTTP status and the request path.
 * For a successful exchange the request is checked too: query parameters must be
 * documented and valid, and a JSON body must validate against the request body schema —
 * so the document cannot describe requests the server would refuse.
 * <p>
 * Loaded once per JVM ({@link #get()}); thread-safe.
 */
public final class OpenApiContract {

	/**
	 * Where the document is, in the classpath and as the base IRI of its {@code $ref}s.
	 */
	static final String DOCUMENT = "openapi/openapi.yaml";

	private static final String BASE_IRI = "classpath:" + DOCUMENT;

	private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
			"trace");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final OpenApiContract INSTANCE = new OpenApiContract();

	private final JsonNode document;

	private final List<Template> templates = new ArrayList<>();

	/**
	 * OpenAPI 3.1's dialect with format assertions on. {@code email} is checked as the
	 * application checks it (Hibernate Validator's {@code @Email}: a local part and a
	 * domain), not as the library's RFC 5321 check that also wants a top-level domain
	 * from IANA's list.
	 */
	private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(
			Dialect.builder(Dialects.getOpenApi31())
				.format(PatternFormat.of("email", "^[^@\\s]+@[^@\\s]+$", "format.email"))
				.build(),
			(builder) -> builder
				.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

	private final Map<String, Schema> schemaCache = new ConcurrentHashMap<>();

	private OpenApiContract() {
		try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
			if (in == null) {
				throw new IllegalStateException(DOCUMENT + " is not on the classpath");
			}
			this.document = new YAMLMapper().readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.document.get("paths").properties().forEach((entry) -> this.templates.add(new Template(entry.getKey())));
		// literal segments win over variables: /api/posts/export before /api/posts/{id}
		this.templates.sort(Comparator.comparingInt(Template::variables));
	}

	public static OpenApiContract get() {
		return INSTANCE;
	}

	/** The parsed document (read-only by convention). */
	public JsonNode document() {
		return this.document;
	}

	/** Every operation of the document. */
	public Set<Operation> operations() {
		Set<Operation> operations = new LinkedHashSet<>();
		this.document.get("paths").properties().forEach((path) -> path.getValue().propertyNames().forEach((key) -> {
			if (METHODS.contains(key)) {
				operations.add(new Operation(HttpMethod.valueOf(key.toUpperCase()), path.getKey()));
			}
		}));
		return operations;
	}

	/**
	 * The statuses an operation documents, as written ({@code "200"}, {@code "404"}…).
	 */
	public Set<String> statuses(Operation operation) {
		return new LinkedHashSet<>(operationNode(operation).get("responses").propertyNames());
	}

	/** The operation whose path template matches {@code path} (no query), if any. */
	public Optional<Operation> find(HttpMethod method, String path) {
		for (Template template : this.templates) {
			if (template.matches(path)) {
				Operation operation = new Operation(method, template.path());
				if (this.document.get("paths").get(template.path()).has(method.name().toLowerCase())) {
					return Optional.of(operation);
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * A concrete path of the operation with valid path parameters: a fresh UUID, a fresh
	 * e-mail address, or the first value of an enumeration.
	 */
	public String examplePath(Operation operation) {
		Map<String, JsonNode> declared = parameters(operation, "path");
		String path = operation.path();
		for (String name : template(operation).names()) {
			JsonNode parameter = declared.get(name);
			if (parameter == null) {
				throw new AssertionError(operation + " does not declare its path parameter " + name);
			}
			JsonNode schema = resolve(parameter.get("schema"));
			String value = switch (schema.path("format").asString("")) {
				case "uuid" -> UUID.randomUUID().toString();
				case "email" -> "contract-" + UUID.randomUUID() + "@test.example";
				default -> schema.has("enum") ? schema.get("enum").get(0).asString() : "x";
			};
			path = path.replace("{" + name + "}", value);
		}
		return path;
	}

	/**
	 * Checks a WebTestClient exchange (consume the body as {@code byte[]} first) against
	 * the document.
	 * @return the operation it hit
	 * @throws AssertionError listing every violation
	 */
	public Operation validate(ExchangeResult result) {
		URI url = result.getUrl();
		Operation operation = find(result.getMethod(), url.getRawPath()).orElseThrow(() -> new AssertionError(
				"No operation of " + DOCUMENT + " matches " + result.getMethod() + " " + url.getRawPath()));
		List<String> violations = new ArrayList<>();
		int status = result.getStatus().value();
		if (status >= 200 && status < 300) {
			checkRequest(operation, url, result.getRequestHeaders(), result.getRequestBodyContent(), violations);
		}
		checkResponse(operation, url.getRawPath(), status, result.getResponseHeaders(), result.getResponseBodyContent(),
				violations);
		fail(operation, status, violations, result.getResponseBodyContent());
		return operation;
	}

	/**
	 * Checks a response that was not made through HTTP (e.g. written by the error mapper
	 * into a mock exchange) as if {@code operation} had answered it for {@code path}.
	 * @throws AssertionError listing every violation
	 */
	public void validateResponse(Operation operation, String path, int status, HttpHeaders headers, byte[] body) {
		List<String> violations = new ArrayList<>();
		checkResponse(operation, path, status, headers, body, violations);
		fail(operation, status, violations, body);
	}

	private void checkRequest(Operation operation, URI url, HttpHeaders headers, byte[] body, List<String> violations) {
		Map<String, JsonNode> declared = parameters(operation, "query");
		UriComponentsBuilder.fromUri(url).build(true).getQueryParams().forEach((name, values) -> {
			JsonNode parameter = declared.get(name);
			if (parameter == null) {
				violations.add("request: query parameter '" + name + "' is not documented");
				return;
			}
			for (String value : values) {
				String decoded = UriUtils.decode(value, StandardCharsets.UTF_8);
				validate(schemaAt(pointerOf(parameter, "schema")), typed(parameter.get("schema"), decoded),
						"request: query parameter '" + name + "'", violations);
			}
		});
		Map<String, JsonNode> pathParameters = parameters(operation, "path");
		template(operation).values(url.getRawPath()).forEach((name, value) -> {
			JsonNode parameter = pathParameters.get(name);
			if (parameter == null) {
				violations.add("request: path parameter '" + name + "' is not declared");
				return;
			}
			validate(schemaAt(pointerOf(parameter, "schema")),
					typed(parameter.get("schema"), UriUtils.decode(value, StandardCharsets.UTF_8)),
					"request: path parameter '" + name + "'", violations);
		});
		JsonNode requestBody = operationNode(operation).get("requestBody");
		boolean hasBody = body != null && body.length > 0;
		if (requestBody == null) {
			if (hasBody) {
				violations.add("request: a body was sent but the operation documents none");
			}
			return;
		}
		requestBody = resolve(requestBody);
		if (!hasBody) {
			if (requestBody.path("required").asBoolean(false)) {
				violations.add("request: the body is required but none was sent");
			}
			return;
		}
		MediaType contentType = headers.getContentType();
		String media = (contentType != null) ? mediaKey(requestBody.get("content"), contentType) : null;
		if (media == null) {
			violations.add("request: content type " + contentType + " is not documented");
			return;
		}
		Schema schema = schemaAt(pointerOf(requestBody, "content", media, "schema"));
		validateBody(schema, media, body, "request body", violations);
	}

	private void checkResponse(Operation operation, String path, int status, HttpHeaders headers, byte[] body,
			List<String> violations) {
		JsonNode responses = operationNode(operation).get("responses");
		JsonNode response = responses.get(String.valueOf(status));
		if (response == null) {
			violations.add("status " + status + " is not documented (documented: " + responses.propertyNames() + ")");
			return;
		}
		response = resolve(response);
		JsonNode documentedHeaders = response.path("headers");
		for (Map.Entry<String, JsonNode> entry : documentedHeaders.properties()) {
			JsonNode header = resolve(entry.getValue());
			String value = headers.getFirst(entry.getKey());
			if (value == null) {
				if (header.path("required").asBoolean(false)) {
					violations.add("required header " + entry.getKey() + " is missing");
				}
				continue;
			}
			validate(schemaAt(pointerOf(header, "schema")), typed(header.get("schema"), value),
					"header " + entry.getKey(), violations);
		}
		boolean hasBody = body != null && body.length > 0;
		JsonNode content = response.get("content");
		if (content == null) {
			if (hasBody) {
				violations.add("a body was sent but the response documents none");
			}
			return;
		}
		MediaType contentType = headers.getContentType();
		String media = (contentType != null) ? mediaKey(content, contentType) : null;
		if (media == null) {
			violations.add(
					"content type " + contentType + " is not documented (documented: " + content.propertyNames() + ")");
			return;
		}
		Schema schema = schemaAt(pointerOf(response, "content", media, "schema"));
		JsonNode parsed = validateBody(schema, media, (body != null) ? body : new byte[0], "body", violations);
		if (media.equals(MediaType.APPLICATION_PROBLEM_JSON_VALUE) && parsed != null) {
			if (parsed.path("status").asInt() != status) {
				violations.add("problem status " + parsed.path("status") + " differs from the HTTP status " + status);
			}
			if (!parsed.path("instance").asString("").equals(path)) {
				violations.add("problem instance " + parsed.path("instance") + " is not the request path " + path);
			}
		}
	}

	/**
	 * Validates a body by media type; answers the parsed JSON of a JSON body (else null).
	 */
	private JsonNode validateBody(Schema schema, String media, byte[] body, String what, List<String> violations) {
		MediaType type = MediaType.parseMediaType(media);
		if (type.equals(MediaType.APPLICATION_JSON) || type.getSubtype().endsWith("+json")) {
			JsonNode parsed = parse(body, what, violations);
			if (parsed != null) {
				validate(schema, parsed, what, violations);
			}
			return parsed;
		}
		if (type.equals(MediaType.APPLICATION_NDJSON)) {
			// the schema describes each line (see the document's introduction)
			String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
			for (int i = 0; i < lines.length; i++) {
				if (lines[i].isEmpty() && i == lines.length - 1) {
					continue;
				}
				JsonNode line = parse(lines[i].getBytes(StandardCharsets.UTF_8), what + " line " + (i + 1), violations);
				if (line != null) {
					validate(schema, line, what + " line " + (i + 1), violations);
				}
			}
			return null;
		}
		if (type.getType().equals("text") || type.equals(MediaType.APPLICATION_YAML)) {
			validate(schema, JsonNodeFactory.instance.stringNode(new String(body, StandardCharsets.UTF_8)), what,
					violations);
			return null;
		}
		// binary media: the schema says what it is (contentMediaType); the body must not
		// be empty
		if (body.length == 0) {
			violations.add(what + " is empty");
		}
		return null;
	}

	private static JsonNode parse(byte[] body, String what, List<String> violations) {
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			violations.add(what + " is not JSON: " + ex.getOriginalMessage());
			return null;
		}
	}

	private static void validate(Schema schema, JsonNode value, String what, List<String> violations) {
		schema.validate(value).forEach((error) -> violations.add(what + ": " + error));
	}

	/**
	 * The documented media type that {@code actual} is (type and subtype; parameters
	 * ignored).
	 */
	private static String mediaKey(JsonNode content, MediaType actual) {
		for (String key : content.propertyNames()) {
			if (MediaType.parseMediaType(key).equalsTypeAndSubtype(actual)) {
				return key;
			}
		}
		return null;
	}

	/** A query or header value as the JSON value its schema expects (text stays text). */
	private JsonNode typed(JsonNode schemaNode, String value) {
		JsonNode schema = resolve(schemaNode);
		String type = schema.path("type").asString("");
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		switch (type) {
			case "integer":
				return value.matches("-?[0-9]{1,18}") ? nodes.numberNode(Long.parseLong(value))
						: nodes.stringNode(value);
			case "boolean":
				return (value.equals("true") || value.equals("false")) ? nodes.booleanNode(Boolean.parseBoolean(value))
						: nodes.stringNode(value);
			case "array":
				// style: form, explode: true (one value per repetition); the server also
				// splits each
				// value on commas, so a value is checked as the list it names
				ArrayNode items = nodes.arrayNode();
				for (String item : value.split(",", -1)) {
					items.add(typed(schema.get("items"), item));
				}
				return items;
			default:
				return nodes.stringNode(value);
		}
	}

	/** The parameters of {@code in} declared on the path and the operation, by name. */
	Map<String, JsonNode> parameters(Operation operation, String in) {
		Map<String, JsonNode> parameters = new LinkedHashMap<>();
		JsonNode pathItem = this.document.get("paths").get(operation.path());
		for (JsonNode list : List.of(pathItem.path("parameters"), operationNode(operation).path("parameters"))) {
			for (JsonNode parameter : list) {
				JsonNode resolved = resolve(parameter);
				if (resolved.path("in").asString("").equals(in)) {
					parameters.put(resolved.get("name").asString(), resolved);
				}
			}
		}
		return parameters;
	}

	private Template template(Operation operation) {
		return this.templates.stream()
			.filter((template) -> template.path().equals(operation.path()))
			.findFirst()
			.orElseThrow();
	}

	JsonNode operationNode(Operation operation) {
		JsonNode node = this.document.get("paths").path(operation.path()).get(operation.method().name().toLowerCase());
		if (node == null) {
			throw new AssertionError(operation + " is not in " + DOCUMENT);
		}
		return node;
	}

	/** Follows a local {@code $ref} (to the end of a chain). */
	JsonNode resolve(JsonNode node) {
		JsonNode current = node;
		for (int depth = 0; current != null && current.has("$ref") && depth < 10; depth++) {
			String ref = current.get("$ref").asString();
			if (!ref.startsWith("#/")) {
				throw new AssertionError("Only local $refs are supported: " + ref);
			}
			JsonNode target = this.document.at(ref.substring(1));
			if (target.isMissingNode()) {
				throw new AssertionError("$ref does not resolve: " + ref);
			}
			current = target;
		}
		return current;
	}

	/**
	 * The JSON pointer of the node reached from {@code node} (found by identity) through
	 * {@code names}.
	 */
	private String pointerOf(JsonNode node, String... names) {
		String base = pointerOf(this.document, "", node);
		if (base == null) {
			throw new AssertionError("node is not part of the document");
		}
		StringBuilder pointer = new StringBuilder(base);
		for (String name : names) {
			pointer.append('/').append(escape(name));
		}
		return pointer.toString();
	}

	private static String pointerOf(JsonNode current, String pointer, JsonNode wanted) {
		if (current == wanted) {
			return pointer;
		}
		if (current.isObject()) {
			for (Map.Entry<String, JsonNode> entry : current.properties()) {
				String found = pointerOf(entry.getValue(), pointer + "/" + escape(entry.getKey()), wanted);
				if (found != null) {
					return found;
				}
			}
		}
		else if (current.isArray()) {
			for (int i = 0; i < current.size(); i++) {
				String found = pointerOf(current.get(i), pointer + "/" + i, wanted);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	private Schema schemaAt(String pointer) {
		return this.schemaCache.computeIfAbsent(pointer, (key) -> {
			if (this.document.at(key).isMissingNode()) {
				throw new AssertionError("No schema at " + key);
			}
			// braces of path templates are not allowed in an IRI fragment
			String fragment = key.replace("{", "%7B").replace("}", "%7D");
			return this.schemas.getSchema(SchemaLocation.of(BASE_IRI + "#" + fragment));
		});
	}

	private static String escape(String name) {
		return name.replace("~", "~0").replace("/", "~1");
	}

	private static void fail(Operation operation, int status, List<String> violations, byte[] body) {
		if (violations.isEmpty()) {
			return;
		}
		String text = (body != null) ? new String(body, StandardCharsets.UTF_8) : "";
		throw new AssertionError(
				operation + " → " + status + " breaks " + DOCUMENT + ":\n  - " + String.join("\n  - ", violations)
						+ "\nbody: " + ((text.length() > 2000) ? text.substring(0, 2000) + "…" : text));
	}

	/** An operation of the document: a method on a path template. */
	public record Operation(HttpMethod method, String path) {

		/** Parses {@code "GET /api/users/{id}"}. */
		public static Operation of(String text) {
			int space = text.indexOf(' ');
			return new Operation(HttpMethod.valueOf(text.substring(0, space)), text.substring(space + 1));
		}

		@Override
		public String toString() {
			return this.method.name() + " " + this.path;
		}

	}

	/**
	 * A path template as a pattern: each {@code {name}} matches one non-empty segment.
	 */
	private record Template(String path, Pattern pattern, List<String> names) {

		private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");

		Template(String path) {
			this(path, compile(path), VARIABLE.matcher(path).results().map((result) -> result.group(1)).toList());
		}

		int variables() {
			return this.names.size();
		}

		boolean matches(String candidate) {
			return this.pattern.matcher(candidate).matches();
		}

		/**
		 * The raw (still percent-encoded) values of the variables in {@code candidate}.
		 */
		Map<String, String> values(String candidate) {
			Matcher matcher = this.pattern.matcher(candidate);
			Map<String, String> values = new LinkedHashMap<>();
			if (matcher.matches()) {
				for (int i = 0; i < this.names.size(); i++) {
					values.put(this.names.get(i), matcher.group(i + 1));
				}
			}
			return values;
		}

		private static Pattern compile(String path) {
			StringBuilder regex = new StringBuilder();
			Matcher matcher = VARIABLE.matcher(path);
			int last = 0;
			while (matcher.find()) {
				regex.append(Pattern.quote(path.substring(last, matcher.start()))).append("([^/]+)");
				last = matcher.end();
			}
			regex.append(Pattern.quote(path.substring(last)));
			return Pattern.compile(regex.toString());
		}

	}

}
