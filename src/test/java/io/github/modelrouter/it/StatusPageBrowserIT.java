package io.github.modelrouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The status page in a real browser: the WAR on embedded Jetty with the fake upstream, driven by
 * {@code src/test/browser/status-page.mjs} (playwright-core with Debian's Chromium). The script
 * checks the three routes are shown, sends one opus request through the router, waits for the
 * page's counter to move and saves screenshots to {@code target/status-page/}.
 *
 * <p>Needs Chromium and {@code npm ci}: the {@code browser} profile (on in every {@code mvn verify},
 * off with {@code -DskipBrowserTest}) prepares both and sets {@code router.browser-test}. When the
 * preparation was impossible (no root to install Chromium, no npm) it leaves the reason in
 * {@code browser-unavailable.txt}, and the test reports itself skipped with that reason.
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "router.browser-test", matches = "true",
        disabledReason = "browser test left out (-DskipBrowserTest)")
class StatusPageBrowserIT {

    private static final Duration SCRIPT_DEADLINE = Duration.ofSeconds(120);

    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return RouterDeployment.war(RouteProperties.defaultTable(UPSTREAM));
    }

    @ArquillianResource
    URL base;

    @Test
    void showsTheRoutesAndCountsARequest() throws Exception {
        Path scriptDir = Path.of(System.getProperty("router.browser.dir", "src/test/browser")).toAbsolutePath();
        Path outDir = Path.of(System.getProperty("router.browser.out", "target/status-page")).toAbsolutePath();
        Path unavailable = outDir.resolve("browser-unavailable.txt");
        assumeFalse(Files.exists(unavailable), "BROWSER TEST SKIPPED: " + read(unavailable).strip());
        Files.createDirectories(outDir);
        Path log = outDir.resolve("status-page.log");

        // The page URL ends with "/" so the page's relative fetches resolve under the context path.
        String pageUrl = base.toString().endsWith("/") ? base.toString() : base + "/";
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("router.browser.node", "node"),
                "status-page.mjs", pageUrl, outDir.toString())
                .directory(scriptDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process node = builder.start();
        try {
            boolean finished = node.waitFor(SCRIPT_DEADLINE.toSeconds(), TimeUnit.SECONDS);
            String output = read(log);
            System.out.print(output);
            assertTrue(finished, "status-page.mjs did not finish within " + SCRIPT_DEADLINE + ":\n" + output);
            assertEquals(0, node.exitValue(), "status-page.mjs failed:\n" + output);
        } finally {
            // Chromium is the script's child: end it too, or a hung run would leave it behind.
            List<ProcessHandle> children = node.descendants().toList();
            children.forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
        }

        // The request the page counted really went through the router to DeepSeek's stand-in.
        FakeUpstream.Recorded upstream = UPSTREAM.take();
        assertEquals("/deepseek/v1/messages", upstream.path());
        assertEquals("deepseek-v4-pro", upstream.model());
        assertTrue(Files.size(outDir.resolve("status-page.png")) > 0, "laptop screenshot written");
        assertTrue(Files.size(outDir.resolve("status-page-phone.png")) > 0, "phone screenshot written");
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
