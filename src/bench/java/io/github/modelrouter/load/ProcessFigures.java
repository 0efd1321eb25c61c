package io.github.modelrouter.load;

import java.util.Map;

/**
 * Memory and threads of a process at one moment.
 *
 * @param rssKiB resident set size ({@code VmRSS}) before the forced GC
 * @param threads live threads ({@code Threads:} in {@code /proc/<pid>/status}), JVM-internal included
 * @param heapUsedKiB Java heap in use right after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info})
 * @param heapCommittedKiB Java heap committed at that moment
 * @param threadGroups Java threads by name with trailing numbers removed ({@code proxy-12} → {@code proxy})
 */
record ProcessFigures(long rssKiB, int threads, long heapUsedKiB, long heapCommittedKiB,
                      Map<String, Integer> threadGroups) {
}
