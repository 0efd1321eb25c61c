package io.github.modelrouter.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Holds the layering of DESIGN.md by scanning imports: packages follow the data path and
 * dependencies point one way ({@code web → upstream, stream, rewrite, route → config}); only
 * {@code web} imports the servlet API, only {@code upstream} imports HttpClient, and only
 * {@code state} imports Lettuce ({@code route} sees shared state through {@code RouterState} alone).
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/github/modelrouter");
    private static final String ROOT = "io.github.modelrouter.";

    @ParameterizedTest(name = "{0} imports only {1}")
    @CsvSource(delimiter = ';', value = {
        "config;   java. javax. org.eclipse.microprofile.config.",
        "route;    java. io.github.modelrouter.config. io.github.modelrouter.state.RouterState",
        "state;    java. io.github.modelrouter.config. io.lettuce.",
        "json;     java.",
        "rewrite;  java. io.github.modelrouter.config. io.github.modelrouter.route. io.github.modelrouter.json.",
        "stream;   java. io.github.modelrouter.json.",
        "translate; java. jakarta.json. io.github.modelrouter.json. io.github.modelrouter.stream. io.github.modelrouter.config.",
        "upstream; java. javax.net. org.apache.hc. io.github.modelrouter.config.",
        "web;      java. jakarta. io.github.modelrouter. io.smallrye.config. io.micrometer. org.eclipse.microprofile.config."
    })
    void packageImportsOnlyWhatItMay(String pkg, String allowed) {
        List<String> prefixes = List.of(allowed.trim().split("\\s+"));
        Map<String, List<String>> offending = new TreeMap<>();
        try (Stream<Path> files = Files.list(SOURCES.resolve(pkg))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                List<String> bad = imports(file).filter(i -> prefixes.stream().noneMatch(i::startsWith))
                        .filter(i -> !i.startsWith(ROOT + pkg + ".")).toList();
                if (!bad.isEmpty()) {
                    offending.put(file.getFileName().toString(), bad);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(Map.of(), offending, pkg + " imports outside its layer");
    }

    private static Stream<String> imports(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .map(String::trim)
                    .filter(line -> line.startsWith("import "))
                    .map(line -> line.substring("import ".length()).replace("static ", "").replace(";", "").trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
