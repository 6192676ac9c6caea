package io.inkwell.docs;

import java.util.ArrayList;
import java.util.List;

import static io.inkwell.docs.ContractCase.of;
import static io.inkwell.docs.ContractRequests.get;

/**
 * Contract requests of the operations dashboard: its cards, the data browser and its
 * page.
 */
final class OpsContractCases {

	private static final List<String> CARDS = List.of("", "/pool", "/migrations", "/queries", "/slow-queries",
			"/indexes", "/storage", "/config", "/seed", "/backup", "/tables");

	private OpsContractCases() {
	}

	static List<ContractCase> cases() {
		List<ContractCase> cases = new ArrayList<>();
		for (String card : CARDS) {
			String path = "/api/ops" + card;
			cases.add(of("GET " + path, 200, "card", (client) -> get(client, path)));
			cases.add(of("GET " + path, 400, "query parameter", (client) -> get(client, path + "?page=2")));
		}
		cases.addAll(List.of(
				of("GET /api/ops/tables/{name}", 200, "first page", (client) -> get(client, "/api/ops/tables/users")),
				of("GET /api/ops/tables/{name}", 200, "later page",
						(client) -> get(client, "/api/ops/tables/categories?page=2")),
				of("GET /api/ops/tables/{name}", 400, "page not a number",
						(client) -> get(client, "/api/ops/tables/users?page=two")),
				of("GET /api/ops/tables/{name}", 400, "page 0",
						(client) -> get(client, "/api/ops/tables/users?page=0")),
				of("GET /api/ops/tables/{name}", 404, "not a table of the schema",
						(client) -> get(client, "/api/ops/tables/pg_authid")),
				of("GET /api/ops/tables/{name}", 404, "Liquibase's table",
						(client) -> get(client, "/api/ops/tables/databasechangelog")),
				of("GET /ops", 200, "page", (client) -> get(client, "/ops")),
				of("GET /ops/", 200, "page", (client) -> get(client, "/ops/")),
				of("GET /ops/dashboard.css", 200, "style sheet", (client) -> get(client, "/ops/dashboard.css")),
				of("GET /ops/dashboard.js", 200, "script", (client) -> get(client, "/ops/dashboard.js"))));
		return cases;
	}

}
