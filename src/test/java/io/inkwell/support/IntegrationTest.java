package io.inkwell.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port against the shared {@link TestDatabase}, in
 * production mode (the schema is migrated by the harness, not by the application). Every
 * class with this annotation shares one application context. {@link StatementCounter} and
 * {@link Tokens} are beans of it; {@link NamedStatementsCheck} fails a test whose
 * requests ran an unnamed statement. The login attempt limit is raised, since every
 * request comes from 127.0.0.1.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "inkwell.security.login-attempts=100000")
@AutoConfigureWebTestClient(timeout = "30s")
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import({ StatementCounter.class, Tokens.class })
@ExtendWith(NamedStatementsCheck.class)
public @interface IntegrationTest {

}
