package io.inkwell.db;

import java.time.Duration;
import java.util.List;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReplicasTests {

	@Test
	void readsAndWritesWalPositionsAsPostgresqlPrintsThem() {
		assertThat(Replicas.parsePosition("16/B374D848")).isEqualTo((0x16L << 32) | 0xB374D848L);
		assertThat(Replicas.formatPosition(Replicas.parsePosition("0/3000148"))).isEqualTo("0/3000148");
		assertThat(Replicas.formatPosition(Replicas.parsePosition("FFFFFFFF/FFFFFFFF"))).isEqualTo("FFFFFFFF/FFFFFFFF");
		for (String bad : List.of("", "/1", "1/", "x/1", "123456789/1", "1/123456789", "-1/2", "1:2", "+1/2", "1/+2")) {
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> Replicas.parsePosition(bad));
		}
	}

	@Test
	void lagIsZeroOnceTheNewestPositionIsReplayedElseTheTimeSinceThePrimaryPassedTheReplica() {
		Replicas replicas = new Replicas(List.of(), pool(),
				new ReplicaProperties("", Duration.ofSeconds(1), Duration.ofMillis(500)), null);
		long second = 1_000_000_000L;
		// an idle primary: one position, replayed: no lag however long ago it was written
		recordPrimary(replicas, 100, 0);
		assertThat(replicas.lag(100, 60 * second)).isZero();
		// the primary moves on at 10 s and 12 s; the replica stays at 100
		recordPrimary(replicas, 200, 10 * second);
		recordPrimary(replicas, 300, 12 * second);
		assertThat(replicas.lag(100, 13 * second)).isEqualTo(Duration.ofSeconds(3));
		assertThat(replicas.lag(250, 13 * second)).isEqualTo(Duration.ofSeconds(1));
		assertThat(replicas.lag(300, 13 * second)).isZero();
	}

	private static void recordPrimary(Replicas replicas, long position, long at) {
		replicas.record(position, at);
	}

	private static ConnectionPool pool() {
		return new ConnectionPool(ConnectionPoolConfiguration
			.builder(new PostgresqlConnectionFactory(
					PostgresqlConnectionConfiguration.builder().host("127.0.0.1").port(1).username("x").build()))
			.build());
	}

}
