package org.compliancekit.consoletest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.compliancekit.audit.AuditQuery;
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

/**
 * The console in a real browser (Debian's Chromium, driven through its ChromeDriver): sign in as the admin, run a
 * PII-deletion dry run, execute it, find the new audit record, download a subject export, and keep a screenshot of
 * every page under {@code target/console-screenshots}. Under {@code CI=true} a browser that cannot start fails the
 * test; elsewhere the test is skipped.
 */
@SpringBootTest(classes = ConsoleTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target/console-screenshots");
    static final Path DOWNLOADS = Path.of("target/console-downloads").toAbsolutePath();

    static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    ComplianceKit kit;

    @BeforeAll
    static void startBrowser() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && !"true".equals(System.getenv("CI"))) {
            Assumptions.abort("Chromium or ChromeDriver is not installed (apt-get install chromium chromium-driver)");
        }
        assertThat(present).as("Chromium and ChromeDriver at " + CHROMIUM + " and " + CHROMEDRIVER).isTrue();
        Files.createDirectories(SHOTS);
        Files.createDirectories(DOWNLOADS);
        Path profile = Files.createTempDirectory("console-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile)
                .setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                        "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anAdminRunsPiiDeletionAndExportsASubject() throws IOException {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        String base = "http://127.0.0.1:" + port;

        browser.get(base + "/compliance/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
        browser.findElement(By.name("username")).sendKeys(ConsoleTestApplication.ADMIN);
        browser.findElement(By.name("password")).sendKeys(ConsoleTestApplication.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/compliance/"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("page-audits")));
        shot("audits");

        browser.findElement(By.cssSelector("nav a[data-page=tools]")).click();
        browser.findElement(By.id("pii-dry-run")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tool-state"), "nothing was changed"));
        assertThat(browser.findElement(By.id("tool-result")).getText()).contains("contacts");
        shot("tools-dry-run");
        long before = kit.auditLog().query(AuditQuery.all().withTypes("pii_deletion")).size();

        browser.findElement(By.id("pii-execute")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tool-state"), "finished"));
        shot("tools-executed");
        assertThat(kit.auditLog().query(AuditQuery.all().withTypes("pii_deletion"))).hasSize((int) before + 1);

        browser.findElement(By.cssSelector("nav a[data-page=audits]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit-rows"), "console:admin"));
        List<String> rows = browser.findElements(By.cssSelector("#audit-rows tr")).stream().map(e -> e.getText())
                .toList();
        assertThat(rows.get(0)).contains("pii_deletion").contains("console:admin");
        browser.findElement(By.id("verify-chain")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chain-status"), "Chain verified"));
        shot("audits-after-run");

        Files.deleteIfExists(DOWNLOADS.resolve("subject-export.json"));
        browser.findElement(By.cssSelector("nav a[data-page=subjects]")).click();
        browser.findElement(By.id("subject-identity")).sendKeys("id");
        browser.findElement(By.id("subject-value")).sendKeys("1");
        browser.findElement(By.id("subject-export")).click();
        Path download = DOWNLOADS.resolve("subject-export.json");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Files.exists(download));
        assertThat(Files.readString(download)).contains("ann@example.com");
        browser.findElement(By.id("subject-dry-run")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("subject-receipt"), "dryRun"));
        shot("subjects");

        browser.findElement(By.cssSelector("nav a[data-page=tools]")).click();
        browser.findElement(By.cssSelector("button[data-tool=backup][data-dry=false]")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tool-state"), "backup finished"));
        browser.findElement(By.cssSelector("nav a[data-page=backups]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("backup-rows"), "completed"));
        browser.findElement(By.cssSelector("#backup-rows button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("backup-verify-result"), "\"ok\": true"));
        shot("backups");

        browser.findElement(By.cssSelector("nav a[data-page=processors]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("processor-rows"), "Postmark"));
        shot("processors");
    }

    private static void shot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(name + ".png"), png);
    }
}
