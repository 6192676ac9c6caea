package io.inkwell.post;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.inkwell.web.ProblemException;

/**
 * What a response writes of each post: the attributes of {@code fields=} (sparse
 * fieldsets) and the relations of {@code include=}. Posts are written as maps so that
 * exactly the requested keys appear, and a requested {@code publishedAt} of a draft is
 * still written as {@code null}.
 */
record PostShape(Set<PostField> fields, Set<PostInclude> includes) {

	/**
	 * A list item when {@code fields} is absent (DESIGN.md fixes it; the body is left out
	 * of lists).
	 */
	static final Set<PostField> LIST_FIELDS = EnumSet.of(PostField.ID, PostField.TITLE, PostField.STATUS,
			PostField.PUBLISHED_AT, PostField.AUTHOR_ID);

	/** One post when {@code fields} is absent: every attribute. */
	static final Set<PostField> SINGLE_FIELDS = EnumSet.allOf(PostField.class);

	/** What the write endpoints answer with. */
	static final PostShape FULL = new PostShape(SINGLE_FIELDS, EnumSet.noneOf(PostInclude.class));

	/** What the category endpoints answer with: the post and its categories. */
	static final PostShape WITH_CATEGORIES = new PostShape(SINGLE_FIELDS, EnumSet.of(PostInclude.CATEGORIES));

	private static final String FIELD_NAMES = Arrays.stream(PostField.values())
		.map(PostField::json)
		.collect(Collectors.joining(", "));

	private static final String INCLUDE_NAMES = Arrays.stream(PostInclude.values())
		.map(PostInclude::json)
		.collect(Collectors.joining(", "));

	PostShape {
		// immutable copies: the shared constants must not be changed through a shape
		fields = Collections
			.unmodifiableSet(fields.isEmpty() ? EnumSet.noneOf(PostField.class) : EnumSet.copyOf(fields));
		includes = Collections
			.unmodifiableSet(includes.isEmpty() ? EnumSet.noneOf(PostInclude.class) : EnumSet.copyOf(includes));
	}

	/**
	 * The shape of the {@code fields} and {@code include} names (null = absent), as
	 * {@link io.inkwell.web.RequestParameters#listQuery} reads them from either list
	 * form.
	 * @throws ProblemException 400 naming the parameter for an unknown name
	 */
	static PostShape parse(List<String> fields, List<String> include, Set<PostField> defaultFields) {
		Set<PostField> chosenFields = (fields != null) ? EnumSet.noneOf(PostField.class) : defaultFields;
		if (fields != null) {
			for (String name : fields) {
				PostField field = PostField.fromJson(name);
				if (field == null) {
					throw ProblemException.invalidParameter("fields", "unknown field '" + shorten(name) + "'; one of "
							+ FIELD_NAMES + " (relations go in include)");
				}
				chosenFields.add(field);
			}
		}
		Set<PostInclude> includes = EnumSet.noneOf(PostInclude.class);
		if (include != null) {
			for (String name : include) {
				PostInclude relation = PostInclude.fromJson(name);
				if (relation == null) {
					throw ProblemException.invalidParameter("include",
							"unknown relation '" + shorten(name) + "'; one of " + INCLUDE_NAMES);
				}
				includes.add(relation);
			}
		}
		return new PostShape(chosenFields, includes);
	}

	boolean has(PostInclude include) {
		return this.includes.contains(include);
	}

	/**
	 * Whether the query must select {@code body} (it can be 100 000 characters: only when
	 * asked).
	 */
	boolean needsBody() {
		return this.fields.contains(PostField.BODY);
	}

	Map<String, Object> write(PostView view) {
		Map<String, Object> json = new LinkedHashMap<>(16);
		Post post = view.post();
		for (PostField field : this.fields) {
			json.put(field.json(), field.valueOf(post));
		}
		if (this.includes.contains(PostInclude.AUTHOR)) {
			json.put(PostInclude.AUTHOR.json(), view.author());
		}
		if (this.includes.contains(PostInclude.CATEGORIES)) {
			json.put(PostInclude.CATEGORIES.json(), (view.categories() != null) ? view.categories() : List.of());
		}
		if (this.includes.contains(PostInclude.COMMENT_COUNT)) {
			json.put(PostInclude.COMMENT_COUNT.json(), (view.commentCount() != null) ? view.commentCount() : 0L);
		}
		return json;
	}

	List<Map<String, Object>> write(List<PostView> views) {
		List<Map<String, Object>> data = new ArrayList<>(views.size());
		for (PostView view : views) {
			data.add(write(view));
		}
		return data;
	}

	private static String shorten(String name) {
		return (name.length() > 40) ? name.substring(0, 40) + "…" : name;
	}

}
