package io.inkwell.transfer;

import java.math.BigDecimal;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a JSON number that is a whole number ({@code 5}, {@code 5.0}, {@code 5e2}) as a
 * {@code Long} and refuses anything else. Jackson on its own truncates {@code 1.5} to
 * {@code 1} and accepts the string {@code "5"}: for an amount of credits either would
 * move a sum the client did not write.
 */
class WholeNumberDeserializer extends ValueDeserializer<Long> {

	@Override
	public Long deserialize(JsonParser parser, DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_NUMBER_INT) {
			// a value beyond the long range fails inside getLongValue(), also as a 400
			return parser.getLongValue();
		}
		if (token == JsonToken.VALUE_NUMBER_FLOAT) {
			BigDecimal value = parser.getDecimalValue();
			try {
				return value.stripTrailingZeros().longValueExact();
			}
			catch (ArithmeticException ex) {
				return context.reportInputMismatch(Long.class, "must be a whole number within range");
			}
		}
		return context.reportInputMismatch(Long.class, "must be a JSON number");
	}

}
