package io.inkwell.user;

/** A row written by an insert-or-update; {@code created} tells 201 from 200. */
record Upserted<T>(T value, boolean created) {
}
