package io.inkwell.netty;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelPipeline;
import reactor.netty.NettyPipeline;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts every HTTP/1.1 connection of the server behind the {@link Admission} gate, bounds
 * how long a request may take to arrive, and publishes the gate's state as metrics
 * ({@code inkwell.http.requests.active}, {@code inkwell.http.connections.waiting},
 * {@code inkwell.http.connections.waits}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdmissionProperties.class)
class AdmissionConfig {

	static final String HANDLER_NAME = "inkwell.admission";

	@Bean
	Admission admission(AdmissionProperties properties, MeterRegistry registry) {
		Admission admission = new Admission(properties.maxActiveRequests());
		Gauge.builder("inkwell.http.requests.active", admission, Admission::active)
			.description("HTTP requests received whole whose response has not been written yet")
			.register(registry);
		Gauge.builder("inkwell.http.connections.waiting", admission, Admission::parked)
			.description("Connections left unread until a place among the active requests frees up")
			.register(registry);
		FunctionCounter.builder("inkwell.http.connections.waits", admission, Admission::parks)
			.description("Times a connection was left unread because inkwell.http.max-active-requests were active")
			.register(registry);
		return admission;
	}

	@Bean
	NettyServerCustomizer admissionCustomizer(Admission admission, AdmissionProperties properties) {
		return (server) -> server.requestTimeout(properties.requestTimeout())
			.doOnChannelInit((observer, channel, remoteAddress) -> {
				ChannelPipeline pipeline = channel.pipeline();
				// HTTP/1.1 connections only (the server speaks nothing else)
				if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
					AdmissionHandler handler = new AdmissionHandler(admission);
					pipeline.addBefore(NettyPipeline.HttpTrafficHandler, HANDLER_NAME, handler);
					handler.joined(channel);
				}
			});
	}

}
