package io.inkwell.post;

import java.util.function.Function;

/**
 * The top-level attributes of a post that {@code fields=} may name, in the order they are
 * written.
 */
enum PostField {

	ID("id", Post::id), TITLE("title", Post::title), BODY("body", Post::body), STATUS("status", Post::status),
	PUBLISHED_AT("publishedAt", Post::publishedAt), AUTHOR_ID("authorId", Post::authorId),
	CREATED_AT("createdAt", Post::createdAt), UPDATED_AT("updatedAt", Post::updatedAt);

	private final String json;

	private final Function<Post, Object> value;

	PostField(String json, Function<Post, Object> value) {
		this.json = json;
		this.value = value;
	}

	String json() {
		return this.json;
	}

	Object valueOf(Post post) {
		return this.value.apply(post);
	}

	static PostField fromJson(String name) {
		for (PostField field : values()) {
			if (field.json.equals(name)) {
				return field;
			}
		}
		return null;
	}

}
