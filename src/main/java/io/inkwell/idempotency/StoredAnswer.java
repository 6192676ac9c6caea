package io.inkwell.idempotency;

/**
 * A row of {@code idempotency_keys}: the hash of the request that used the key and the
 * answer it got.
 */
record StoredAnswer(byte[] requestHash, int status, String location, String contentType, byte[] body) {
}
