package io.github.modelrouter.load;

import java.util.Map;

/**
 * Memory and threads of a process at one moment.
 *
 * @param rssKiB resident set size ({@code VmRSS}) right after a full GC
 * @param threads live threads ({@code Threads:} in {@code /proc/<pid>/status}), JVM-internal included
 * @param heapUsedKiB Java heap in use right after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info})
 * @param heapCommittedKiB Java heap committed at that moment
 * @param idlePoolThreads threads waiting for work in Jetty's pool (idle or reserved): not parked on a request
 * @param threadGroups threads of the thread dump by name, numbers replaced by N ({@code proxy-12} → {@code proxy-N})
 */
record ProcessFigures(long rssKiB, int threads, long heapUsedKiB, long heapCommittedKiB, int idlePoolThreads,
                      Map<String, Integer> threadGroups) {
}
