package io.inkwell.stats;

import java.util.UUID;

/** A live author and the number of their live published posts. */
record TopAuthor(UUID authorId, String name, long posts) {
}
