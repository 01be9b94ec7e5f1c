package io.glass2glass.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless chromium through its chromedriver, as the pages' tests open them: every network
 * request blocked (a dead proxy and CDP's blocked URLs), and the page's errors collected in
 * {@code window.__g2gErrors} before its own scripts run.
 */
public final class HeadlessChromium {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {}

    /** Whether chromium and chromium-driver are installed (scripts/install-test-deps.sh installs them). */
    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    public static ChromeDriver start() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toString())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--window-size=1280,900", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update");
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("http://*", "https://*", "ws://*", "wss://*")));
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                window.__g2gErrors = [];
                window.addEventListener('error', function (e) { window.__g2gErrors.push(String(e.message || e)); });
                window.addEventListener('unhandledrejection', function (e) { window.__g2gErrors.push(String(e.reason)); });
                var consoleError = console.error;
                console.error = function () { window.__g2gErrors.push(Array.prototype.join.call(arguments, ' ')); consoleError.apply(console, arguments); };
                """));
        return driver;
    }
}
