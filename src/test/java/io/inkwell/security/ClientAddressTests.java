package io.inkwell.security;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.reactive.function.server.MockServerRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The client address of the login limits: forwarding headers count only when the TCP peer
 * is a trusted proxy, and then the rightmost hop that is not a trusted proxy is the
 * client (a client cannot pick its bucket by sending the headers itself).
 */
class ClientAddressTests {

	private final ClientAddress behindIngress = new ClientAddress(List.of("10.0.0.0/8", "192.168.1.5"));

	@Test
	void ignoresForwardingHeadersWhenNoProxyIsTrusted() {
		ClientAddress direct = new ClientAddress(List.of());
		assertThat(direct.of(request("10.1.2.3", "X-Forwarded-For", "203.0.113.9"))).isEqualTo("10.1.2.3");
		assertThat(direct.of(request("203.0.113.7", "Forwarded", "for=198.51.100.1"))).isEqualTo("203.0.113.7");
	}

	@Test
	void ignoresForwardingHeadersFromAPeerThatIsNotTrusted() {
		assertThat(this.behindIngress.of(request("203.0.113.7", "X-Forwarded-For", "198.51.100.1")))
			.isEqualTo("203.0.113.7");
	}

	@Test
	void takesTheRightmostHopThatIsNotATrustedProxy() {
		// the client claims to be 1.2.3.4; the ingress appended the real peer 203.0.113.9
		assertThat(this.behindIngress.of(request("10.244.0.8", "X-Forwarded-For", "1.2.3.4, 203.0.113.9, 192.168.1.5")))
			.isEqualTo("203.0.113.9");
		assertThat(this.behindIngress.of(request("10.244.0.8", "X-Forwarded-For", "203.0.113.9")))
			.isEqualTo("203.0.113.9");
	}

	@Test
	void readsForwardedBeforeXForwardedForWithQuotesBracketsAndPorts() {
		MockServerRequest request = MockServerRequest.builder()
			.remoteAddress(new InetSocketAddress("10.0.0.1", 4711))
			.header("Forwarded", "for=1.2.3.4;proto=https, for=\"[2001:db8:cafe::17]:4711\"")
			.header("X-Forwarded-For", "198.51.100.1")
			.build();
		assertThat(this.behindIngress.of(request)).isEqualTo("2001:db8:cafe::17");
		assertThat(this.behindIngress.of(request("10.0.0.1", "Forwarded", "for=203.0.113.9:80")))
			.isEqualTo("203.0.113.9");
	}

	@Test
	void takesTheLeftmostHopWhenEveryHopIsTrustedAndANameAsItIs() {
		assertThat(this.behindIngress.of(request("10.0.0.1", "X-Forwarded-For", "10.0.0.2, 10.0.0.3")))
			.isEqualTo("10.0.0.2");
		assertThat(this.behindIngress.of(request("10.0.0.1", "X-Forwarded-For", "client.example, 10.0.0.3")))
			.isEqualTo("client.example");
		assertThat(this.behindIngress.of(request("10.0.0.1", "X-Forwarded-For", "unknown"))).isEqualTo("unknown");
	}

	@Test
	void refusesAnEntryThatIsNotAnAddressOrRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddress(List.of("ingress.example")))
			.withMessageContaining("TRUSTED_PROXIES")
			.withMessageContaining("ingress.example");
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddress(List.of("10.0.0.0/99")));
	}

	private static MockServerRequest request(String peer, String header, String value) {
		return MockServerRequest.builder()
			.remoteAddress(new InetSocketAddress(peer, 4711))
			.header(header, value)
			.build();
	}

}
