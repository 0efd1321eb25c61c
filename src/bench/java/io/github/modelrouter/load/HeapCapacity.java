package io.github.modelrouter.load;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How many streams like the measured ones the proxy's maximum heap would hold, from {@code -Xmx}. */
final class HeapCapacity {

    private static final Pattern XMX = Pattern.compile("-Xmx(\\d+)([kKmMgG]?)");

    private HeapCapacity() {
    }

    /** The {@code -Xmx} among {@code jvmOptions} in bytes, or 0 when there is none. */
    static long maxHeapBytes(List<String> jvmOptions) {
        long bytes = 0;
        for (String option : jvmOptions) {
            Matcher xmx = XMX.matcher(option);
            if (xmx.matches()) {
                long unit = switch (xmx.group(2).toLowerCase(Locale.ROOT)) {
                    case "k" -> 1L << 10;
                    case "m" -> 1L << 20;
                    case "g" -> 1L << 30;
                    default -> 1L;
                };
                bytes = Long.parseLong(xmx.group(1)) * unit;
            }
        }
        return bytes;
    }

    /** E.g. {@code " (a 512 MiB heap holds about 4,100 such streams)"}, or empty when unknown. */
    static String describe(long maxHeapBytes, StreamsResult result) {
        double perStream = result.heapPerStreamKiB() * 1024;
        if (maxHeapBytes <= 0 || perStream <= 0) {
            return "";
        }
        long free = maxHeapBytes - result.idle().heapUsedKiB() * 1024;
        return String.format(Locale.ROOT, " (a %d MiB heap holds about %,d such streams)", maxHeapBytes >> 20,
                Math.round(free / perStream / 100) * 100);
    }
}
