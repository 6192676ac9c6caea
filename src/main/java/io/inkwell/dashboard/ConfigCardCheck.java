package io.inkwell.dashboard;

import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The configuration card, as {@link ConfigurationCheck} finds it. */
@Component
@Order(70)
class ConfigCardCheck implements CardCheck {

	private final ConfigurationCheck configuration;

	ConfigCardCheck(ConfigurationCheck configuration) {
		this.configuration = configuration;
	}

	@Override
	public String id() {
		return "config";
	}

	@Override
	public String title() {
		return "configuration";
	}

	@Override
	public Mono<ConfigCard> check() {
		return this.configuration.check();
	}

}
