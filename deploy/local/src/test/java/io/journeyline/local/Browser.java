package io.journeyline.local;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person at the console in a real browser: Debian's headless Chromium driven through its chromedriver by Selenium
 * (installed where missing by deploy/local/browser.sh). Signs in through the local identity provider's page as one of
 * the people it offers, as someone would, and reads pages as they are shown.
 */
final class Browser implements AutoCloseable {
    /** How long a page may take to show what a step waits for. */
    static final Duration WAIT = Duration.ofSeconds(30);

    final WebDriver driver;
    private final String console;

    private Browser(WebDriver driver, String console) {
        this.driver = driver;
        this.console = console;
    }

    /** A fresh browser (its own profile: no cookies), English unless {@code language} says otherwise. */
    static Browser open(String consoleUrl, String language) {
        installOnce();
        return new Browser(Chromium.open(language), consoleUrl);
    }

    private static boolean installed;

    private static synchronized void installOnce() {
        if (installed) {
            return;
        }
        try {
            Process install = new ProcessBuilder("bash", "browser.sh").directory(new File(".")).inheritIO().start();
            assertThat(install.waitFor()).as("deploy/local/browser.sh").isZero();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        installed = true;
    }

    /** Opens {@code path} of the console; when the identity provider asks, signs in as {@code person}'s button. */
    Browser go(String path, String person) {
        Chromium.signIn((ChromeDriver) driver, console + path, person, WAIT);
        return this;
    }

    /** Opens {@code path}, already signed in. */
    Browser go(String path) {
        driver.get(console + path);
        return this;
    }

    /**
     * Waits until {@code condition} holds. An element the page's live refresh replaced between finding it and reading it
     * (stale) is found again at the next poll, as one not there yet is.
     */
    <T> T waitUntil(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).withMessage(this::whereAmI)
                .ignoring(StaleElementReferenceException.class).until(condition);
    }

    /** Where the browser is and what it shows: what a failed wait reports. */
    private String whereAmI() {
        try {
            String text = driver.findElement(By.tagName("body")).getText().replaceAll("\\s+", " ");
            return "the browser is at " + driver.getCurrentUrl() + ", showing: "
                    + text.substring(0, Math.min(text.length(), 600));
        } catch (RuntimeException e) {
            return "the browser is at " + driver.getCurrentUrl();
        }
    }

    WebElement find(String css) {
        return waitUntil(d -> d.findElement(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The text a reader sees in {@code css} now (found and read in one poll, so a live refresh cannot stale it). */
    String text(String css) {
        return waitUntil(d -> d.findElement(By.cssSelector(css)).getText());
    }

    /** The text a reader sees in {@code css} (waits until it holds {@code expected}). */
    String textOf(String css, String expected) {
        return waitUntil(d -> {
            String text = d.findElement(By.cssSelector(css)).getText();
            return text.contains(expected) ? text : null;
        });
    }

    /** Reloads until {@code css} shows {@code expected}: what the page's live refresh would show a moment later. */
    String reloadUntil(String css, String expected) {
        return new WebDriverWait(driver, WAIT, Duration.ofSeconds(1)).withMessage(this::whereAmI).until(d -> {
            d.navigate().refresh();
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).getText().contains(expected) ? null : found.get(0).getText();
        });
    }

    /** axe-core's serious and critical violations of the page shown now (WCAG 2.1 A and AA rules). */
    List<String> accessibilityViolations() {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(driver);
        return results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(Browser::describe).toList();
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream().limit(3).map(node -> String.valueOf(node.getTarget())).toList();
    }

    /**
     * The words a reader sees that are not marked {@code translate="no"} (codes, ids, texts of customers and
     * systems), each a run of three or more Latin letters: what is left in English on a page.
     */
    @SuppressWarnings("unchecked")
    List<String> untranslatedWords() {
        return (List<String>) ((JavascriptExecutor) driver).executeScript("""
                const words = [];
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                  const parent = node.parentElement;
                  if (!parent || parent.closest('[translate="no"], script, style, noscript')) continue;
                  if (!parent.getClientRects().length) continue;
                  for (const word of node.textContent.match(/[A-Za-z]{3,}/g) || []) {
                    if (word !== 'Journeyline') words.push(word + ' in <' + parent.tagName.toLowerCase() + '>');
                  }
                }
                for (const input of document.querySelectorAll('input[placeholder], button, [aria-label], [title]')) {
                  for (const attr of ['aria-label', 'title']) {
                    const value = input.getAttribute(attr);
                    if (value && !input.closest('[translate="no"]')) {
                      for (const word of value.match(/[A-Za-z]{3,}/g) || []) words.push(word + ' in @' + attr);
                    }
                  }
                }
                return words;""");
    }

    /** A screenshot of the whole page into {@code file} (console/docs/ for the README). */
    void screenshot(Path file) throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        long height = ((Number) js.executeScript("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, (int) Math.min(Math.max(height, 800), 3000)));
        Files.createDirectories(file.getParent());
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
