package io.github.modelrouter.stream;

import java.util.Arrays;

/**
 * Maps the upstream's content block indices to the client's when some blocks are dropped: kept
 * blocks are numbered 0, 1, 2… in the order their {@code content_block_start} arrives, because
 * the SDKs index their content array by it. Not thread-safe; owned by one filter.
 */
final class BlockIndexMap {

    /** The client index of a dropped block. */
    static final int DROPPED = -1;

    /** Indices beyond this are the upstream's nonsense; they are not renumbered. */
    static final int MAX_INDEX = 1 << 16;
    private static final int UNKNOWN = -2;

    /** Client index by upstream index; answers have a handful of blocks, so an array is small. */
    private int[] clientIndex = new int[16];
    private int nextClientIndex;
    private int droppedCount;

    BlockIndexMap() {
        Arrays.fill(clientIndex, UNKNOWN);
    }

    /** Registers a block's start (index 0..MAX_INDEX); answers its client index, or {@link #DROPPED}. */
    int start(int upstreamIndex, boolean dropped) {
        int assigned = dropped ? DROPPED : nextClientIndex++;
        if (dropped) {
            droppedCount++;
        }
        if (upstreamIndex >= clientIndex.length) {
            int old = clientIndex.length;
            clientIndex = Arrays.copyOf(clientIndex, Math.max(upstreamIndex + 1, old * 2));
            Arrays.fill(clientIndex, old, clientIndex.length, UNKNOWN);
        }
        clientIndex[upstreamIndex] = assigned;
        return assigned;
    }

    /**
     * The client index of a started block, or {@link #DROPPED}. A block never announced (an
     * upstream bug) is shifted by the number of blocks dropped so far: the best guess that keeps
     * the client's indices from pointing at a hole.
     */
    int clientIndexOf(int upstreamIndex) {
        int assigned = upstreamIndex < clientIndex.length ? clientIndex[upstreamIndex] : UNKNOWN;
        return assigned != UNKNOWN ? assigned : Math.max(0, upstreamIndex - droppedCount);
    }
}
