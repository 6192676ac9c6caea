package io.inkwell.docs;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpMethod;

import static io.inkwell.docs.ContractCase.of;
import static io.inkwell.docs.ContractFixtures.absent;
import static io.inkwell.docs.ContractFixtures.post;
import static io.inkwell.docs.ContractFixtures.user;
import static io.inkwell.docs.ContractFixtures.userWithCredits;
import static io.inkwell.docs.ContractRequests.get;
import static io.inkwell.docs.ContractRequests.json;

/**
 * Contract requests of transfers, stats and the posts export: the operations of the
 * {@code money} branch (see {@link ServedRoutes#NOT_YET_SERVED}; they are skipped while
 * the running build does not serve them).
 */
final class MoneyContractCases {

	private MoneyContractCases() {
	}

	static List<ContractCase> cases() {
		return List.of(
				of("POST /api/transfers", 201, "part of the balance",
						(client) -> json(client, HttpMethod.POST,
								Map.of("fromUserId", userWithCredits(100), "toUserId", user(), "amount", 40),
								"/api/transfers")),
				of("POST /api/transfers", 400, "amount below 1", (client) -> json(client, HttpMethod.POST,
						Map.of("fromUserId", userWithCredits(100), "toUserId", user(), "amount", 0), "/api/transfers")),
				of("POST /api/transfers", 400, "fractional amount",
						(client) -> json(client, HttpMethod.POST,
								"{\"fromUserId\":\"" + userWithCredits(100) + "\",\"toUserId\":\"" + user()
										+ "\",\"amount\":1.5}",
								"/api/transfers")),
				of("POST /api/transfers", 400, "to oneself", (client) -> {
					UUID user = userWithCredits(100);
					return json(client, HttpMethod.POST, Map.of("fromUserId", user, "toUserId", user, "amount", 1),
							"/api/transfers");
				}),
				of("POST /api/transfers", 422, "more than the balance",
						(client) -> json(client, HttpMethod.POST,
								Map.of("fromUserId", userWithCredits(10), "toUserId", user(), "amount", 11),
								"/api/transfers")),
				of("POST /api/transfers", 422, "unknown receiver",
						(client) -> json(client, HttpMethod.POST,
								Map.of("fromUserId", userWithCredits(10), "toUserId", absent(), "amount", 1),
								"/api/transfers")),
				of("GET /api/transfers/{id}", 200, "ledger row", (client) -> {
					UUID id = UserContractCases.idOf(json(client, HttpMethod.POST,
							Map.of("fromUserId", userWithCredits(5), "toUserId", user(), "amount", 5),
							"/api/transfers"));
					return get(client, "/api/transfers/{id}", id);
				}), of("GET /api/transfers/{id}", 400, "malformed id", (client) -> get(client, "/api/transfers/x")),
				of("GET /api/transfers/{id}", 404, "unknown id",
						(client) -> get(client, "/api/transfers/{id}", absent())),

				of("GET /api/stats/posts-per-day", 200, "a week", (client) -> {
					post("PUBLISHED");
					return get(client, "/api/stats/posts-per-day?days=7");
				}),
				of("GET /api/stats/posts-per-day", 400, "no days",
						(client) -> get(client, "/api/stats/posts-per-day?days=0")),
				of("GET /api/stats/top-authors", 200, "top three", (client) -> {
					post("PUBLISHED");
					return get(client, "/api/stats/top-authors?limit=3");
				}),
				of("GET /api/stats/top-authors", 400, "limit not a number",
						(client) -> get(client, "/api/stats/top-authors?limit=many")),

				of("GET /api/posts/export", 200, "NDJSON of one author", (client) -> {
					UUID author = user();
					post(author, "DRAFT");
					post(author, "PUBLISHED");
					return get(client, "/api/posts/export?authorId={author}", author).header("Accept",
							"application/x-ndjson");
				}), of("GET /api/posts/export", 200, "CSV of one author's published posts", (client) -> {
					UUID author = user();
					post(author, "PUBLISHED");
					return get(client, "/api/posts/export?authorId={author}&status=PUBLISHED", author).header("Accept",
							"text/csv");
				}),
				of("GET /api/posts/export", 400, "unknown status",
						(client) -> get(client, "/api/posts/export?status=LIVE").header("Accept",
								"application/x-ndjson")),
				of("GET /api/posts/export", 406, "XML asked for",
						(client) -> get(client, "/api/posts/export?authorId={author}", absent()).header("Accept",
								"application/xml")));
	}

}
