package io.inkwell.support;

import java.util.List;

import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebHandler;
import org.springframework.web.server.adapter.HttpWebHandlerAdapter;
import org.springframework.web.server.handler.FilteringWebHandler;
import org.springframework.web.server.handler.WebHandlerDecorator;

import static org.assertj.core.api.Assertions.assertThat;

/** The web filters the server runs, in order, as built into its {@link HttpHandler}. */
public final class ServerFilters {

	private ServerFilters() {
	}

	public static List<WebFilter> of(HttpHandler handler) {
		assertThat(handler).isInstanceOf(HttpWebHandlerAdapter.class);
		WebHandler webHandler = ((HttpWebHandlerAdapter) handler).getDelegate();
		while (webHandler instanceof WebHandlerDecorator decorator) {
			if (decorator instanceof FilteringWebHandler filtering) {
				return filtering.getFilters();
			}
			webHandler = decorator.getDelegate();
		}
		throw new AssertionError("no FilteringWebHandler in " + handler);
	}

}
