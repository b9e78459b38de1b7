package org.compliancekit.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.kit.ComplianceKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shop as a user meets it, on its embedded default (H2): a customer signs in and exports their data over
 * HTTP; the admin signs in to the console in Chromium and runs the daily job; the audit trail verifies.
 */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"compliance.job.enabled=false",
                "spring.datasource.url=jdbc:h2:mem:shop-e2e;DB_CLOSE_DELAY=-1"})
class ShopEndToEndTest {
    static final Path SHOTS = Path.of("target/shop-screenshots");
    static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    ComplianceKit kit;

    /** A new folder for each run: backups left by an earlier run would make today's backup not due. */
    @DynamicPropertySource
    static void shopDir(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "shop-e2e-");
        registry.add("shop.dir", dir::toString);
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        Path chromium = Path.of("/usr/bin/chromium");
        Path driver = Path.of("/usr/bin/chromedriver");
        boolean present = Files.isExecutable(chromium) && Files.isExecutable(driver);
        if (!present && !"true".equals(System.getenv("CI"))) {
            Assumptions.abort("Chromium or ChromeDriver is not installed (apt-get install chromium chromium-driver)");
        }
        assertThat(present).as("Chromium and ChromeDriver in /usr/bin").isTrue();
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=1280,900",
                        "--user-data-dir=" + Files.createTempDirectory("shop-chromium"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aCustomerExportsOverHttpAndTheAdminRunsTheDailyJobFromTheConsole() throws Exception {
        // the customer, over plain HTTP with a session
        CookieManager cookies = new CookieManager();
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String loginPage = http.send(get("/login"), HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(token.find()).as("the login form carries a CSRF token").isTrue();
        String form = "username=" + enc("ann@example.com") + "&password=" + enc("shop-demo") + "&_csrf="
                + enc(token.group(1));
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));

        HttpResponse<String> export = http.send(get("/api/account/export"), HttpResponse.BodyHandlers.ofString());
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        assertThat(export.body()).contains("ann@example.com").contains("orders").contains("leads")
                .doesNotContain("bob@example.com");
        assertThat(kit.auditLog().query(AuditQuery.all().withTypes("data_export")))
                .extracting(r -> r.event().actor()).contains("self:1");

        HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(uri("/api/account/erasure-request"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(403);
        http.send(get("/api/account/export"), HttpResponse.BodyHandlers.discarding());
        String xsrf = cookies.getCookieStore().get(uri("/")).stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
        HttpResponse<String> request = http.send(HttpRequest.newBuilder(uri("/api/account/erasure-request"))
                .header("X-XSRF-TOKEN", xsrf).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(request.statusCode()).isEqualTo(202);
        HttpResponse<String> console = http.send(get("/compliance/api/audits"), HttpResponse.BodyHandlers.ofString());
        assertThat(console.statusCode()).as("a customer cannot open the console").isEqualTo(403);

        // the admin, in a real browser
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get("http://127.0.0.1:" + port + "/compliance/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username"))).sendKeys("admin");
        browser.findElement(By.name("password")).sendKeys("admin-demo");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("page-audits")));
        browser.findElement(By.cssSelector("nav a[data-page=tools]")).click();
        browser.findElement(By.id("daily-job")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tool-state"), "finished"));
        shot("daily-job");
        browser.findElement(By.cssSelector("nav a[data-page=audits]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit-rows"), "pii_deletion"));
        browser.findElement(By.id("verify-chain")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chain-status"), "Chain verified"));
        shot("audits");

        List<AuditRecord> records = kit.auditLog().query(AuditQuery.all());
        assertThat(records).extracting(r -> r.event().type())
                .contains("backup", "backup_cleanup", "pii_deletion", "data_export", "erasure_request");
        assertThat(records).filteredOn(r -> r.event().type().equals("pii_deletion"))
                .allSatisfy(r -> assertThat(r.event().summary()).doesNotContain("@"));
        assertThat(kit.auditLog().verify().valid()).isTrue();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET().build();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void shot(String name) throws IOException {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
