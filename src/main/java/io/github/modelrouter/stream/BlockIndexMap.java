package io.github.modelrouter.stream;

import java.util.HashMap;
import java.util.Map;

/**
 * Maps the upstream's content block indices to the client's when some blocks are dropped: kept
 * blocks are numbered 0, 1, 2… in the order their {@code content_block_start} arrives, because
 * the SDKs index their content array by it. Not thread-safe; owned by one filter.
 */
final class BlockIndexMap {

    /** The client index of a dropped block. */
    static final int DROPPED = -1;

    private final Map<Integer, Integer> clientIndex = new HashMap<>();
    private int nextClientIndex;
    private int droppedCount;

    /** Registers a block's start; answers its client index, or {@link #DROPPED}. */
    int start(int upstreamIndex, boolean dropped) {
        int assigned = dropped ? DROPPED : nextClientIndex++;
        if (dropped) {
            droppedCount++;
        }
        clientIndex.put(upstreamIndex, assigned);
        return assigned;
    }

    /**
     * The client index of a started block, or {@link #DROPPED}. A block never announced (an
     * upstream bug) is shifted by the number of blocks dropped so far: the best guess that keeps
     * the client's indices from pointing at a hole.
     */
    int clientIndexOf(int upstreamIndex) {
        Integer assigned = clientIndex.get(upstreamIndex);
        return assigned != null ? assigned : Math.max(0, upstreamIndex - droppedCount);
    }
}
