package io.inkwell.migrate;

/**
 * A migration could not run or failed; the message is meant for an operator's terminal.
 */
public class MigrationException extends RuntimeException {

	public MigrationException(String message, Throwable cause) {
		super(message, cause);
	}

}
