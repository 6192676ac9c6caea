package io.inkwell.docs;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.inkwell.client.ApiClient;
import io.inkwell.client.ApiException;
import io.inkwell.client.api.AuthApi;
import io.inkwell.client.api.CategoriesApi;
import io.inkwell.client.api.CommentsApi;
import io.inkwell.client.api.PostsApi;
import io.inkwell.client.api.TransfersApi;
import io.inkwell.client.api.UsersApi;
import io.inkwell.client.model.CategoryRequest;
import io.inkwell.client.model.CategorySummary;
import io.inkwell.client.model.Comment;
import io.inkwell.client.model.CreateCommentRequest;
import io.inkwell.client.model.CreatePostRequest;
import io.inkwell.client.model.LoginRequest;
import io.inkwell.client.model.Post;
import io.inkwell.client.model.PostPage;
import io.inkwell.client.model.PostStatus;
import io.inkwell.client.model.Problem;
import io.inkwell.client.model.RegisterRequest;
import io.inkwell.client.model.Role;
import io.inkwell.client.model.ShapedPost;
import io.inkwell.client.model.Transfer;
import io.inkwell.client.model.TransferRequest;
import io.inkwell.client.model.User;
import io.inkwell.support.IntegrationTest;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java client generated from the OpenAPI document (openapi-generator, {@code java}
 * with the {@code native} library; see the pom) drives real flows against the running
 * server as an anonymous caller, a USER and an ADMIN: what the document says is what a
 * generated client can use.
 */
@IntegrationTest
class GeneratedClientIntegrationTests {

	private static final String PASSWORD = "a long enough password";

	@LocalServerPort
	int port;

	/** The URIs the clients requested, to see how lists are sent. */
	private final List<URI> requested = new CopyOnWriteArrayList<>();

	@Test
	void anonymousCallerSignsUpReadsAndIsRefusedWrites() throws Exception {
		ApiClient anonymous = client(null);
		User registered = new AuthApi(anonymous).register(registration("client-anonymous"));
		assertThat(registered.getRole()).isEqualTo(Role.USER);

		PostPage page = new PostsApi(anonymous).listPosts(PostStatus.PUBLISHED, null, null, null, null, null, null,
				null, 5, null, null, null, null, List.of("author", "categories"), null);
		assertThat(page.getData()).allSatisfy((post) -> assertThat(post.getStatus()).isEqualTo(PostStatus.PUBLISHED));
		User seenByAnyone = new UsersApi(anonymous).getUser(registered.getId(), null);
		// the public view: e-mail and credits are the user's own and ADMINs' to see
		assertThat(seenByAnyone.getName()).isEqualTo(registered.getName());
		assertThat(seenByAnyone.getEmail()).isNull();
		assertThat(seenByAnyone.getCredits()).isNull();

		Problem unauthorized = problem(
				() -> new PostsApi(anonymous).createPost(new CreatePostRequest().title("Nobody's"), null), anonymous,
				401);
		assertThat(unauthorized.getType()).isEqualTo("urn:inkwell:problem:unauthorized");
		Problem badLogin = problem(
				() -> new AuthApi(anonymous)
					.login(new LoginRequest().email(registered.getEmail()).password("not the password")),
				anonymous, 401);
		assertThat(badLogin.getType()).isEqualTo("urn:inkwell:problem:unauthorized");
	}

	@Test
	void userRegistersLogsInPostsCommentsAndTransfers() throws Exception {
		ApiClient anonymous = client(null);
		RegisterRequest registration = registration("client-user");
		User me = new AuthApi(anonymous).register(registration);
		String token = new AuthApi(anonymous)
			.login(new LoginRequest().email(registration.getEmail()).password(PASSWORD))
			.getToken();
		ApiClient user = client(token);
		assertThat(new AuthApi(user).me().getId()).isEqualTo(me.getId());

		// categories are curated by ADMINs: a USER's attempt is refused with a problem
		Problem forbidden = problem(
				() -> new CategoriesApi(user).createCategory(new CategoryRequest().name(ContractFixtures.unique("c"))),
				user, 403);
		assertThat(forbidden.getType()).isEqualTo("urn:inkwell:problem:forbidden");
		assertThat(forbidden.getDetail()).isNotBlank();
		UUID news = ContractFixtures.category(ContractFixtures.unique("news"));
		UUID tech = ContractFixtures.category(ContractFixtures.unique("tech"));

		// no authorId: the caller is the author
		Post post = new PostsApi(user).createPost(new CreatePostRequest().title("Written by a client")
			.body("Generated from the document")
			.status(PostStatus.PUBLISHED)
			.categoryIds(List.of(news, tech)), null);
		assertThat(post.getAuthorId()).isEqualTo(me.getId());
		Comment comment = new CommentsApi(user).createComment(post.getId(), new CreateCommentRequest().content("First"),
				null);
		assertThat(comment.getAuthorId()).isEqualTo(me.getId());
		assertThat(new CommentsApi(user).listComments(post.getId(), 10, null, null).getData())
			.extracting(Comment::getId)
			.containsExactly(comment.getId());

		this.requested.clear();
		PostPage mine = new PostsApi(user).listPosts(null, me.getId(), null, null, null, null, null, null, 10, null,
				null, null, List.of("id", "title"), List.of("author", "categories", "commentCount"), null);
		// the generated client sends lists repeated (style form, explode true)
		assertThat(this.requested).singleElement()
			.satisfies((uri) -> assertThat(uri.getRawQuery()).contains("include=author&include=categories"));
		ShapedPost listed = mine.getData().get(0);
		assertThat(listed.getId()).isEqualTo(post.getId());
		assertThat(listed.getStatus()).isNull();
		assertThat(listed.getAuthor().getId()).isEqualTo(me.getId());
		assertThat(listed.getCategories()).extracting(CategorySummary::getId).containsExactlyInAnyOrder(news, tech);
		assertThat(listed.getCommentCount()).isEqualTo(1);
		ShapedPost shaped = new PostsApi(user).getPost(post.getId(), List.of("title"), List.of("categories"), null);
		assertThat(shaped.getTitle()).isEqualTo("Written by a client");
		assertThat(shaped.getCategories()).hasSize(2);

		// credits: the user moves its own, and nobody else's
		io.inkwell.support.Sql.execute("UPDATE users SET credits = 100 WHERE id = ?", me.getId());
		UUID friend = ContractFixtures.user();
		Transfer sent = new TransfersApi(user)
			.createTransfer(new TransferRequest().fromUserId(me.getId()).toUserId(friend).amount(40), null);
		assertThat(new TransfersApi(user).getTransfer(sent.getId(), null).getAmount()).isEqualTo(40);
		Problem notMine = problem(
				() -> new TransfersApi(user)
					.createTransfer(new TransferRequest().fromUserId(friend).toUserId(me.getId()).amount(1), null),
				user, 403);
		assertThat(notMine.getType()).isEqualTo("urn:inkwell:problem:forbidden");
		Problem tooMuch = problem(
				() -> new TransfersApi(user)
					.createTransfer(new TransferRequest().fromUserId(me.getId()).toUserId(friend).amount(61), null),
				user, 422);
		assertThat(tooMuch.getType()).isEqualTo("urn:inkwell:problem:insufficient-credits");

		// writing in someone else's name is refused
		Problem otherAuthor = problem(
				() -> new PostsApi(user).createPost(new CreatePostRequest().authorId(friend).title("Not mine"), null),
				user, 403);
		assertThat(otherAuthor.getType()).isEqualTo("urn:inkwell:problem:forbidden");
	}

	@Test
	void adminCuratesWritesOnBehalfAndMovesAnyonesCredits() throws Exception {
		UUID adminId = Tokens.createUser(io.inkwell.security.Role.ADMIN, "client-admin");
		String token = new AuthApi(client(null))
			.login(new LoginRequest().email(Tokens.emailOf("client-admin", adminId)).password(Tokens.PASSWORD))
			.getToken();
		ApiClient admin = client(token);
		assertThat(new AuthApi(admin).me().getRole()).isEqualTo(Role.ADMIN);

		UUID category = new CategoriesApi(admin)
			.createCategory(new CategoryRequest().name(ContractFixtures.unique("curated")))
			.getId();
		UUID author = ContractFixtures.user();
		Post post = new PostsApi(admin).createPost(new CreatePostRequest().authorId(author)
			.title("On an author's behalf")
			.status(PostStatus.PUBLISHED)
			.categoryIds(List.of(category)), null);
		assertThat(post.getAuthorId()).isEqualTo(author);
		Comment comment = new CommentsApi(admin).createComment(post.getId(),
				new CreateCommentRequest().authorId(author).content("Also on their behalf"), null);
		assertThat(comment.getAuthorId()).isEqualTo(author);
		ShapedPost listed = new PostsApi(admin)
			.listPosts(null, author, null, null, null, null, null, null, 10, null, null, null, null,
					List.of("author", "categories", "commentCount"), null)
			.getData()
			.get(0);
		assertThat(listed.getAuthor().getId()).isEqualTo(author);
		assertThat(listed.getCategories()).extracting(CategorySummary::getId).containsExactly(category);
		assertThat(listed.getCommentCount()).isEqualTo(1);

		UUID sender = ContractFixtures.userWithCredits(10);
		Transfer moved = new TransfersApi(admin)
			.createTransfer(new TransferRequest().fromUserId(sender).toUserId(author).amount(10), null);
		assertThat(moved.getFromUserId()).isEqualTo(sender);
		assertThat(new UsersApi(admin).listUsers(5, null, null).getData()).isNotEmpty();
		// the ledger outlives users: deleting the sender for good is refused
		Problem conflict = problem(() -> new AuthApi(admin).hardDeleteUser(sender), admin, 409);
		assertThat(conflict.getType()).isEqualTo("urn:inkwell:problem:conflict");
	}

	private ApiClient client(String token) {
		ApiClient client = new ApiClient();
		client.updateBaseUri("http://localhost:" + this.port);
		client.setRequestInterceptor((request) -> {
			if (token != null) {
				request.header("Authorization", "Bearer " + token);
			}
			this.requested.add(request.build().uri());
		});
		return client;
	}

	private static RegisterRequest registration(String prefix) {
		return new RegisterRequest().email(ContractFixtures.unique(prefix) + "@test.example")
			.name("Generated " + prefix)
			.password(PASSWORD);
	}

	/** The problem body of a refused call, read with the generated model. */
	private static Problem problem(Executable call, ApiClient client, int status) throws Exception {
		ApiException refused = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class, call);
		assertThat(refused.getCode()).as(refused.getResponseBody()).isEqualTo(status);
		assertThat(refused.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
		Problem problem = client.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
		assertThat(problem.getStatus()).isEqualTo(status);
		return problem;
	}

}
