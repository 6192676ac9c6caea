package io.inkwell.post;

/** The relations {@code include=} may name. */
enum PostInclude {

	/** {@code author: {id, name}}; null when the author is soft-deleted. */
	AUTHOR("author"),

	/** {@code categories: [{id, name}]}, by name. */
	CATEGORIES("categories"),

	/** {@code commentCount}: live (not soft-deleted) comments. */
	COMMENT_COUNT("commentCount");

	private final String json;

	PostInclude(String json) {
		this.json = json;
	}

	String json() {
		return this.json;
	}

	static PostInclude fromJson(String name) {
		for (PostInclude include : values()) {
			if (include.json.equals(name)) {
				return include;
			}
		}
		return null;
	}

}
