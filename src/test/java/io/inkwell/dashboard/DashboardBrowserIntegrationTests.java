package io.inkwell.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.inkwell.support.IntegrationTest;
import io.inkwell.support.Sql;
import io.inkwell.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The dashboard page in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs): an administrator signs in,
 * the cards appear with the pool's size and green migrations, and the data browser shows
 * a table with the password hashes masked. Screenshots go to {@code target/}. Without the
 * browser this test fails: a skipped browser test would pass CI without proving anything.
 */
@IntegrationTest
class DashboardBrowserIntegrationTests {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration WAIT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	Path profile;

	WebDriver browser;

	String email;

	String password;

	UUID admin;

	@BeforeEach
	void openBrowser() throws IOException, SQLException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			fail("the browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
					+ ": apt-get install -y chromium chromium-driver (.ci/run does)");
		}
		this.email = "ops-admin-" + UUID.randomUUID() + "@test.example";
		this.password = "browser-" + UUID.randomUUID();
		this.admin = DashboardFixtures.insertAdmin(this.email, this.password);
		this.profile = Files.createTempDirectory("inkwell-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1440,900", "--user-data-dir=" + this.profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
	}

	@AfterEach
	void closeBrowser() throws IOException {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.profile != null) {
			try (var paths = Files.walk(this.profile)) {
				paths.sorted((a, b) -> b.compareTo(a)).forEach((path) -> path.toFile().delete());
			}
		}
	}

	@Test
	void showsTheCardsToAnAdministratorAndTheTablesWithHashesMasked() throws IOException, SQLException {
		this.browser.get("http://localhost:" + this.port + "/ops");
		WebDriverWait wait = new WebDriverWait(this.browser, WAIT);
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
		this.browser.findElement(By.id("email")).sendKeys(this.email);
		this.browser.findElement(By.id("password")).sendKeys(this.password);
		this.browser.findElement(By.id("login-submit")).click();

		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#card-pool [data-field=max]")));
		String max = this.browser.findElement(By.cssSelector("#card-pool [data-field=max]")).getText();
		assertThat(max).isEqualTo(String.valueOf(TestDatabase.get().databaseUrl().connectionLimit()));
		WebElement migrations = this.browser.findElement(By.id("card-migrations"));
		assertThat(migrations.getAttribute("data-state")).isEqualTo("green");
		assertThat(migrations.findElement(By.cssSelector("[data-field=reason]")).getText())
			.startsWith("schema matches the changelog");
		assertThat(this.browser.findElements(By.cssSelector("#cards .card"))).hasSize(9);
		assertThat(this.browser.findElements(By.cssSelector("#strip li"))).hasSize(9);
		// titles come from the server, first letter up
		assertThat(this.browser.findElement(By.cssSelector("#card-slowQueries h3")).getText())
			.isEqualTo("Slow queries");
		assertThat(this.browser.findElement(By.id("headline-state")).getText()).isIn("GREEN", "AMBER", "RED");
		assertThat(this.browser.findElement(By.id("headline-reason")).getText()).isNotBlank();
		for (WebElement card : this.browser.findElements(By.cssSelector("#cards .card"))) {
			assertThat(card.getAttribute("data-state")).isIn("green", "amber", "red");
			assertThat(card.findElement(By.cssSelector("[data-field=reason]")).getText()).isNotBlank();
		}
		// the headline is readable without scrolling on a laptop screen
		WebElement headline = this.browser.findElement(By.id("headline"));
		assertThat(headline.getRect().getY() + headline.getRect().getHeight()).isLessThan(300);
		screenshot("ops-dashboard.png");

		this.browser.findElement(By.id("nav-tables")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#table-list button[data-table=users]")));
		// the administrator made above is the newest user: a deep link opens its page
		long position = Long.parseLong(Sql.string("SELECT count(*) FROM users WHERE id <= ?", this.admin));
		this.browser.get("http://localhost:" + this.port + "/ops#tables/users/" + ((position - 1) / 50 + 1));
		wait.until(ExpectedConditions.textToBe(By.id("table-title"), "users"));
		WebElement row = wait.until(ExpectedConditions
			.presenceOfElementLocated(By.xpath("//table[@id='table-grid']//tr[td[text()='" + this.email + "']]")));
		List<String> headers = this.browser.findElements(By.cssSelector("#table-grid th"))
			.stream()
			.map(WebElement::getText)
			.toList();
		int hashColumn = headers
			.indexOf(headers.stream().filter((h) -> h.startsWith("password_hash")).findFirst().orElseThrow());
		assertThat(headers.get(hashColumn)).contains("masked");
		WebElement hashCell = row.findElements(By.tagName("td")).get(hashColumn);
		assertThat(hashCell.getText()).isEqualTo("****");
		assertThat(hashCell.getAttribute("class")).isEqualTo("masked");
		assertThat(this.browser.getPageSource()).doesNotContain("$2a$");
		screenshot("ops-data-browser.png");
	}

	private void screenshot(String name) throws IOException {
		Path shot = ((ChromeDriver) this.browser).getScreenshotAs(OutputType.FILE).toPath();
		Path target = Path.of("target", name);
		Files.createDirectories(target.getParent());
		Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
	}

}
