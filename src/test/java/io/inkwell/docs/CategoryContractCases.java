package io.inkwell.docs;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpMethod;

import static io.inkwell.docs.ContractCase.of;
import static io.inkwell.docs.ContractFixtures.absent;
import static io.inkwell.docs.ContractFixtures.category;
import static io.inkwell.docs.ContractFixtures.unique;
import static io.inkwell.docs.ContractRequests.delete;
import static io.inkwell.docs.ContractRequests.get;
import static io.inkwell.docs.ContractRequests.json;

/** Contract requests of the categories operations. */
final class CategoryContractCases {

	private CategoryContractCases() {
	}

	static List<ContractCase> cases() {
		return List.of(of("GET /api/categories", 200, "first page", (client) -> {
			category();
			category();
			return get(client, "/api/categories?limit=1");
		}), of("GET /api/categories", 200, "next page",
				(client) -> get(client, "/api/categories?limit=1&cursor={cursor}",
						UserContractCases.nextCursor(client, "/api/categories?limit=1"))),
				of("GET /api/categories", 400, "limit not a number",
						(client) -> get(client, "/api/categories?limit=ten")),
				of("POST /api/categories", 201, "new name",
						(client) -> json(client, HttpMethod.POST, Map.of("name", unique("Databases")),
								"/api/categories")),
				of("POST /api/categories", 400, "blank name",
						(client) -> json(client, HttpMethod.POST, Map.of("name", "  "), "/api/categories")),
				of("POST /api/categories", 409, "taken name", (client) -> {
					String name = unique("Taken");
					category(name);
					return json(client, HttpMethod.POST, Map.of("name", name), "/api/categories");
				}),
				of("GET /api/categories/{id}", 200, "category",
						(client) -> get(client, "/api/categories/{id}", category())),
				of("GET /api/categories/{id}", 400, "malformed id", (client) -> get(client, "/api/categories/x")),
				of("GET /api/categories/{id}", 404, "unknown id",
						(client) -> get(client, "/api/categories/{id}", absent())),
				of("PATCH /api/categories/{id}", 200, "renamed",
						(client) -> json(client, HttpMethod.PATCH, Map.of("name", unique("Renamed")),
								"/api/categories/{id}", category())),
				of("PATCH /api/categories/{id}", 400, "name too long",
						(client) -> json(client, HttpMethod.PATCH, Map.of("name", "x".repeat(101)),
								"/api/categories/{id}", category())),
				of("PATCH /api/categories/{id}", 404, "unknown id",
						(client) -> json(client, HttpMethod.PATCH, Map.of("name", unique("X")), "/api/categories/{id}",
								absent())),
				of("PATCH /api/categories/{id}", 409, "another category's name", (client) -> {
					String name = unique("Other");
					category(name);
					return json(client, HttpMethod.PATCH, Map.of("name", name), "/api/categories/{id}", category());
				}),
				of("DELETE /api/categories/{id}", 204, "category",
						(client) -> delete(client, "/api/categories/{id}", category())),
				of("DELETE /api/categories/{id}", 400, "malformed id", (client) -> delete(client, "/api/categories/x")),
				of("DELETE /api/categories/{id}", 404, "unknown id",
						(client) -> delete(client, "/api/categories/{id}", absent())));
	}

}
