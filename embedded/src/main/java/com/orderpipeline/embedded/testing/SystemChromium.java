package com.orderpipeline.embedded.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The headless Chromium the browser tests drive: the system's Chromium and chromedriver (never a downloaded one,
 * {@code CHROMIUM_BINARY} and {@code CHROMEDRIVER_BINARY} to point elsewhere), without network chatter of its
 * own. Where they are missing a test is skipped with a message, except on CI ({@code CI=true}), where they are
 * installed and their absence is a failure.
 */
public final class SystemChromium {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BINARY", "/usr/bin/chromedriver"));

    private SystemChromium() {
    }

    /**
     * Why the browser tests cannot run here, if they cannot.
     *
     * @throws AssertionError on CI, where Chromium must be installed
     */
    public static Optional<String> missing() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return Optional.empty();
        }
        String why = "Chromium (" + CHROMIUM + ") or chromedriver (" + CHROMEDRIVER + ") is not installed"
                + " (Debian packages chromium and chromium-driver)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(why + ": CI installs them, so the browser tests must run there");
        }
        return Optional.of(why);
    }

    /** A headless Chromium with a phone's window, its profile in {@code profileDir}. */
    public static WebDriver start(Path profileDir) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        try {
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--disable-quic", "--window-size=412,915",
                    "--user-data-dir=" + Files.createDirectories(profileDir));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the browser profile " + profileDir, e);
        }
        return new ChromeDriver(service, options);
    }
}
