package io.github.modelrouter.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the figures were taken: cores, OS, JVM, and how busy the machine was (load average). */
final class MachineContext {

    private MachineContext() {
    }

    static String describe() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " " + System.getProperty("os.arch") + "; "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    /** The 1-minute load average, from {@code /proc/loadavg}; NaN where there is none. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
