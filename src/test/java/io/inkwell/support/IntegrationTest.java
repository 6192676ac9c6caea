package io.inkwell.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port against the shared {@link TestDatabase}, in production
 * mode (the schema is migrated by the harness, not by the application). Every class with this
 * annotation shares one application context. {@link StatementCounter} is a bean of it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import(StatementCounter.class)
public @interface IntegrationTest {

}
