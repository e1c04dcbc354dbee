package io.journeyline.local;

import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.time.Duration;
import java.util.Map;

/**
 * Debian's headless Chromium, driven through its chromedriver (deploy/local/browser.sh installs both), and the
 * console's sign-in as a person does it: the local identity provider's page, the button of one of its people.
 * The browser tests and {@code bench.sh console} open it the same way.
 */
final class Chromium {
    private Chromium() {
    }

    /** A fresh browser: its own empty profile, {@code language} first in its Accept-Language. */
    static ChromeDriver open(String language) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // headless as root, without reaching out to Google's hosts (this machine's network refuses them)
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }

    /**
     * Opens {@code url}; when the console sends the browser to the identity provider, picks {@code person}
     * (ada, sam, alex, pat: {@link DevIdentityProvider#PEOPLE}) and waits until the console shows the page.
     */
    static void signIn(ChromeDriver driver, String url, String person, Duration wait) {
        driver.get(url);
        if (driver.getCurrentUrl().contains("/authorize")) {
            driver.findElement(By.cssSelector("button[name=person][value=" + person + "]")).click();
            String console = url.substring(0, url.indexOf('/', "http://".length()));
            new WebDriverWait(driver, wait).until(d -> d.getCurrentUrl().startsWith(console));
        }
    }
}
