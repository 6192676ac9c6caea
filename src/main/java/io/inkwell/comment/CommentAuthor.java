package io.inkwell.comment;

import java.util.UUID;

/** The part of a comment's author that a reader sees. */
record CommentAuthor(UUID id, String name) {
}
