package io.inkwell.web;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.HandlerAdapter;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.HandlerResultHandler;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;

/**
 * Appends {@link RouterFunctionShortcut} to the end of the server's web filter chain (after the
 * sorted {@code WebFilter} beans, right before the {@link DispatcherHandler}), when the
 * dispatcher's first handler mapping is the router-function mapping; otherwise the filter would
 * answer requests that an earlier mapping should have had, so it is left out and the startup log
 * says why.
 */
@Configuration(proxyBeanMethods = false)
class RouterFunctionShortcutConfig {

	private static final Log logger = LogFactory.getLog(RouterFunctionShortcutConfig.class);

	@Bean
	WebHttpHandlerBuilderCustomizer routerFunctionShortcut(ApplicationContext context) {
		return (builder) -> {
			RouterFunctionShortcut shortcut = create(context);
			if (shortcut != null) {
				builder.filters((filters) -> filters.add(shortcut));
			}
		};
	}

	/** The filter with the dispatcher's strategies, or null when the dispatcher asks another mapping first. */
	static RouterFunctionShortcut create(ApplicationContext context) {
		DispatcherHandler dispatcher = context.getBean(DispatcherHandler.class);
		List<HandlerMapping> mappings = dispatcher.getHandlerMappings();
		if (mappings == null || mappings.isEmpty() || !(mappings.get(0) instanceof RouterFunctionMapping first)) {
			logger.warn("Router functions are dispatched by the DispatcherHandler only: its first handler mapping is "
					+ ((mappings == null || mappings.isEmpty()) ? "none" : mappings.get(0).getClass().getName())
					+ ", not the router-function mapping");
			return null;
		}
		// collected and sorted as DispatcherHandler.initStrategies does
		return new RouterFunctionShortcut(first, sorted(context, HandlerAdapter.class),
				sorted(context, HandlerResultHandler.class));
	}

	private static <T> List<T> sorted(ApplicationContext context, Class<T> type) {
		List<T> beans = new ArrayList<>(
				BeanFactoryUtils.beansOfTypeIncludingAncestors(context, type, true, false).values());
		AnnotationAwareOrderComparator.sort(beans);
		return beans;
	}

}
