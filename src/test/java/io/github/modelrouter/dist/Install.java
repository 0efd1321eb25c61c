package io.github.modelrouter.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/** File steps of an installation as an operator does them: copy a tree, copy a file, edit a config file. */
final class Install {

    private Install() {
    }

    /** Copies the directory {@code from} to {@code to} (created), recursively. */
    static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(source -> {
                Path target = to.resolve(from.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return to;
    }

    /** Copies {@code file} to {@code to}, creating its directory. */
    static Path copy(Path file, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        return Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Replaces each key of {@code edits} by its value in {@code file}; every key must occur, so a
     * new server version that changed its defaults fails here, not with a port clash later.
     */
    static void edit(Path file, Map<String, String> edits) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        for (Map.Entry<String, String> edit : edits.entrySet()) {
            if (!text.contains(edit.getKey())) {
                throw new IllegalStateException(file + " no longer contains " + edit.getKey());
            }
            text = text.replace(edit.getKey(), edit.getValue());
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
