package io.inkwell.transfer;

import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcTransientException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.UncategorizedR2dbcException;

import static org.assertj.core.api.Assertions.assertThat;

class TransferServiceTests {

	@Test
	void retriesDeadlocksAndSerializationFailuresWhereverSpringWrapsThem() {
		assertThat(TransferService.isConcurrencyFailure(wrapped("40P01"))).isTrue();
		assertThat(TransferService.isConcurrencyFailure(wrapped("40001"))).isTrue();
		assertThat(TransferService.isConcurrencyFailure(driverError("40P01"))).isTrue();
	}

	@Test
	void doesNotRetryOtherFailures() {
		assertThat(TransferService.isConcurrencyFailure(wrapped("57014"))).isFalse();
		assertThat(TransferService.isConcurrencyFailure(new DataIntegrityViolationException("check",
				new R2dbcDataIntegrityViolationException("violates check constraint", "23514"))))
			.isFalse();
		assertThat(TransferService.isConcurrencyFailure(new IllegalStateException("40P01"))).isFalse();
	}

	private static RuntimeException wrapped(String sqlState) {
		return new UncategorizedR2dbcException("executeMany", "SELECT 1", driverError(sqlState));
	}

	private static R2dbcTransientException driverError(String sqlState) {
		return new R2dbcTransientException("failure " + sqlState, sqlState) {
		};
	}

}
