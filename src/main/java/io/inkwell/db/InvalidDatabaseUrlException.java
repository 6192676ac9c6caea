package io.inkwell.db;

/**
 * Thrown when {@code DATABASE_URL} cannot be parsed or breaks one of the rules in
 * {@link DatabaseUrl}.
 *
 * <p>
 * The message is one line starting with {@code "DATABASE_URL: "} that names the broken
 * rule. It never contains the password, so it is safe to log and to print at start-up.
 */
public class InvalidDatabaseUrlException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message one line naming the broken rule; it must not contain the password
	 */
	public InvalidDatabaseUrlException(String message) {
		super(message);
	}

}
