package io.github.modelrouter.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What the proxy's log says about memory trouble: how many OutOfMemoryErrors, in which threads. */
final class ProxyLog {

    private static final Pattern THREAD = Pattern.compile("in thread \"([^\"]+)\"");

    private ProxyLog() {
    }

    static String outOfMemorySummary(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "proxy log unreadable: " + e.getMessage();
        }
        List<String> oom = lines.stream().filter(line -> line.contains("OutOfMemoryError")).toList();
        if (oom.isEmpty()) {
            return "no OutOfMemoryError in the proxy log";
        }
        String threads = oom.stream().map(THREAD::matcher).filter(Matcher::find).map(m -> m.group(1))
                .distinct().sorted().collect(Collectors.joining(", "));
        return oom.size() + " OutOfMemoryError lines in the proxy log, in threads: " + threads;
    }
}
