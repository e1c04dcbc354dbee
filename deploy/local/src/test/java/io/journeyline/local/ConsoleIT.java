package io.journeyline.local;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in a real browser (headless Chromium, {@link Browser}) against the suite's one packaged stack, after the
 * stories (StoriesIT works stories 1 and 2 in it too): what a role may not do is neither offered nor allowed by the
 * API; a customer's text holding markup shows as text; every state change needs the form's CSRF token and the same
 * origin; pages carry a strict Content-Security-Policy; pages update without a reload; a Chinese page has no English
 * label left; axe-core finds no serious accessibility violation on any page. Screenshots of each page go to
 * console/docs/ for the README.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(StoriesIT.ORDER + 1)
class ConsoleIT {
    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final Path SCREENSHOTS = Path.of(System.getProperty("console.screenshots", "../../console/docs"));
    private static final String XSS = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">"
            + " billing is <b>confusing</b>";
    private static Stack stack;
    /** A customer with a complaint whose text is markup, and its case. */
    private static String customer;
    private static String caseId;

    @BeforeAll
    static void aComplaintThatOpensACase() throws Exception {
        stack = StoriesStack.start();
        customer = "console-" + RUN;
        stack.as("ingest").contentType("application/json").body(Map.of("customerId", customer, "kind", "complaint",
                        "category", "BILLING_FEES", "channel", "phone", "topic", "billing", "severity", "HIGH",
                        "text", XSS))
                .post(stack.feedback() + "/api/v1/feedback").then().statusCode(201);
        caseId = await().atMost(WAIT).until(() -> stack.as("agent")
                .get(stack.feedback() + "/api/v1/customers/" + customer + "/cases").jsonPath()
                .getString("items[0].id"), Objects::nonNull);
    }

    @Test
    @Order(1)
    void aCustomersMarkupShowsAsTextAndRunsNowhere() {
        try (Browser agent = Browser.open(StoriesStack.console(), "en")) {
            agent.go("/cases/" + caseId, "ada");
            String said = agent.textOf("blockquote.feedback .customer-text", "billing is");
            assertThat(said).isEqualTo(XSS);
            assertThat(agent.all("blockquote.feedback script, blockquote.feedback img, blockquote.feedback b")).isEmpty();
        }
    }

    @Test
    @Order(2)
    void whatARoleMayNotDoIsNotOfferedAndTheApiRefusesItAnyway() {
        try (Browser agent = Browser.open(StoriesStack.console(), "en")) {
            agent.go("/cases/" + caseId, "ada");
            agent.find("form[data-command=acknowledge]");
            assertThat(agent.all("form[data-command=escalate]")).as("an agent is not offered escalate").isEmpty();
            assertThat(agent.all("header nav a").stream().map(a -> a.getAttribute("href")))
                    .noneMatch(href -> href.contains("/dashboards") || href.contains("/admin/"));
            // the same form forged in the agent's browser: the console sends it, feedback-service refuses the role
            @SuppressWarnings("unchecked")
            Map<String, Object> forged = (Map<String, Object>) ((JavascriptExecutor) agent.driver).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const body = new URLSearchParams({'csrf-token': document.querySelector('[name=csrf-token]').value,
                                                      'reason': 'forged'});
                    fetch('/cases/%s/escalate', {method: 'POST', body})
                        .then(r => r.text().then(text => done({status: r.status, text})));""".formatted(caseId));
            assertThat(forged.get("status")).isEqualTo(403L);
            assertThat(String.valueOf(forged.get("text"))).as("refused by feedback-service, shown on the case page")
                    .contains("Your role may not do this", "class=\"case-status\"");
            stack.as("agent").contentType("application/json").body(Map.of("reason", "forged"))
                    .post(stack.feedback() + "/api/v1/cases/" + caseId + "/escalate").then().statusCode(403);
            Object dashboards = ((JavascriptExecutor) agent.driver).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/dashboards/education').then(r => done(r.status));""");
            assertThat(dashboards).as("an agent opening the dashboards' address").isEqualTo(403L);
        }
        try (Browser supervisor = Browser.open(StoriesStack.console(), "en")) {
            supervisor.go("/cases/" + caseId, "sam");
            assertThat(supervisor.find("form[data-command=escalate] button").isDisplayed()).isTrue();
        }
    }

    @Test
    @Order(3)
    void aStateChangeNeedsTheFormsTokenAndThisOrigin() {
        try (Browser agent = Browser.open(StoriesStack.console(), "en")) {
            agent.go("/cases/" + caseId, "ada");
            String token = agent.find("form[data-command=notes] [name=csrf-token]").getAttribute("value");
            Map<String, String> cookies = new LinkedHashMap<>();
            for (Cookie cookie : agent.driver.manage().getCookies()) {
                cookies.put(cookie.getName(), cookie.getValue());
            }
            String url = StoriesStack.console() + "/cases/" + caseId + "/notes";
            Response without = RestAssured.given().redirects().follow(false).cookies(cookies)
                    .formParam("note", "no token").post(url);
            assertThat(without.statusCode()).as("no CSRF token").isEqualTo(403);
            Response wrong = RestAssured.given().redirects().follow(false).cookies(cookies)
                    .formParam("csrf-token", "A".repeat(43)).formParam("note", "wrong token").post(url);
            assertThat(wrong.statusCode()).as("another token").isEqualTo(403);
            Response crossSite = RestAssured.given().redirects().follow(false).cookies(cookies)
                    .header("Origin", "https://attacker.example").formParam("csrf-token", token)
                    .formParam("note", "from elsewhere").post(url);
            assertThat(crossSite.statusCode()).as("another origin").isEqualTo(403);
            Response same = RestAssured.given().redirects().follow(false).cookies(cookies)
                    .formParam("csrf-token", token).formParam("note", "with the token").post(url);
            assertThat(same.statusCode()).as("the page's own form").isEqualTo(303);
            assertThat(stack.as("agent").get(stack.feedback() + "/api/v1/cases/" + caseId).jsonPath()
                    .getList("history.note", String.class)).contains("with the token")
                    .doesNotContain("no token", "wrong token", "from elsewhere");
        }
    }

    @Test
    @Order(4)
    void pagesCarryAStrictContentSecurityPolicy() {
        Response page = RestAssured.given().redirects().follow(false).get(StoriesStack.console() + "/signed-out");
        String policy = page.header("Content-Security-Policy");
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "style-src 'self'",
                "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        Response signedOut = RestAssured.given().redirects().follow(false).get(StoriesStack.console() + "/customers");
        assertThat(signedOut.statusCode()).as("a page without a session goes to the identity provider").isEqualTo(302);
        assertThat(signedOut.header("Location")).startsWith("http://localhost:" + (LocalStack.IDENTITY_PROVIDER_PORT
                + StoriesStack.OFFSET) + "/authorize");
    }

    @Test
    @Order(5)
    void aPageShowsWhatChangedWithoutAReload() {
        try (Browser agent = Browser.open(StoriesStack.console(), "en")) {
            agent.go("/cases/" + caseId, "ada");
            WebElement history = agent.find("ol.history");
            ((JavascriptExecutor) agent.driver).executeScript("document.body.setAttribute('data-reloaded', 'no')");
            stack.as("agent").contentType("application/json").body(Map.of("note", "called the customer back " + RUN))
                    .post(stack.feedback() + "/api/v1/cases/" + caseId + "/notes").then().statusCode(200);
            agent.waitUntil(d -> d.findElement(By.cssSelector("ol.history")).getText()
                    .contains("called the customer back " + RUN));
            assertThat(agent.find("body").getAttribute("data-reloaded")).as("the same page, not a reload").isEqualTo("no");
            assertThat(history.isDisplayed()).isTrue();
        }
    }

    @Test
    @Order(10)
    void everyPageInChineseHasNoEnglishLabelAndNoSeriousAccessibilityViolation() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String language : List.of("en", "zh")) {
            for (Map.Entry<String, List<String>> person : pages().entrySet()) {
                try (Browser browser = Browser.open(StoriesStack.console(), language)) {
                    boolean first = true;
                    for (String page : person.getValue()) {
                        if (first) {
                            browser.go(page, person.getKey());
                            first = false;
                        } else {
                            browser.go(page);
                        }
                        browser.find("main");
                        if (!browser.all(".problem").isEmpty()) {
                            problems.add(language + " " + page + " shows a problem: "
                                    + browser.text(".problem"));
                        }
                        String name = page.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
                        for (String violation : browser.accessibilityViolations()) {
                            problems.add(language + " " + page + ": " + violation);
                        }
                        if (language.equals("zh")) {
                            List<String> english = browser.untranslatedWords();
                            if (!english.isEmpty()) {
                                problems.add("zh " + page + " shows English: " + english);
                            }
                        }
                        if (browser.driver.getPageSource().contains("⟦")) {
                            problems.add(language + " " + page + " has a label missing");
                        }
                        browser.screenshot(SCREENSHOTS.resolve(language + "-" + (name.isEmpty() ? "home" : name)
                                .replace("cases-" + caseId, "case").replace("customers-" + customer, "customer-360")
                                + ".png"));
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The pages each person opens, by the person the identity provider offers for the role. */
    private static Map<String, List<String>> pages() {
        Map<String, List<String>> pages = new LinkedHashMap<>();
        pages.put("ada", List.of("/customers", "/customers/" + customer, "/pain-points", "/cases", "/cases/" + caseId));
        pages.put("sam", List.of("/dashboards"));
        pages.put("alex", List.of("/admin/rules", "/admin/surveys", "/admin/contents", "/admin/dead-letters"));
        pages.put("pat", List.of("/admin/erasures"));
        return pages;
    }
}
