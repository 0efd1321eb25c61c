package io.github.modelrouter.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Holds the rule of package-info: route imports the JDK and the config package, nothing else (no I/O libraries). */
class RouteImportsTest {

    private static final Path SOURCES = Path.of("src/main/java/io/github/modelrouter/route");

    @Test
    void importsOnlyTheJdkAndConfig() throws IOException {
        List<String> offending;
        try (Stream<Path> files = Files.list(SOURCES)) {
            List<Path> sources = files.filter(f -> f.toString().endsWith(".java")).toList();
            assertFalse(sources.isEmpty(), "run from the project root");
            offending = sources.stream().flatMap(RouteImportsTest::imports)
                    .filter(i -> !(i.startsWith("java.") || i.startsWith("io.github.modelrouter.config.")))
                    .toList();
        }
        assertEquals(List.of(), offending);
    }

    private static Stream<String> imports(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> line.startsWith("import "))
                    .map(line -> line.replaceFirst("^import (static )?", "").replace(";", "").trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
