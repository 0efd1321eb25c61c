package io.github.modelrouter.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** DESIGN.md: rewrite may import the JDK, config, route and jakarta.json, nothing else. */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/github/modelrouter/rewrite");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final List<String> ALLOWED = List.of("java.", "jakarta.json.", "io.github.modelrouter.config.",
            "io.github.modelrouter.route.", "io.github.modelrouter.rewrite.");

    @Test
    void importsOnlyWhatThePackageMayUse() throws IOException {
        List<String> violations = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(SOURCES)) {
            files = list.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertFalse(files.isEmpty(), "sources found under " + SOURCES.toAbsolutePath());
        for (Path file : files) {
            String source = Files.readString(file);
            Matcher m = IMPORT.matcher(source);
            while (m.find()) {
                String imported = m.group(1);
                if (ALLOWED.stream().noneMatch(imported::startsWith)) {
                    violations.add(file.getFileName() + ": " + imported);
                }
            }
            for (String forbidden : List.of("org.eclipse.parsson", "jakarta.servlet", "org.apache.hc")) {
                if (source.contains(forbidden + ".")) {
                    violations.add(file.getFileName() + " mentions " + forbidden);
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
