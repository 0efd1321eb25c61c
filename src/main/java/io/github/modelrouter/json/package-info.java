/**
 * The JSON core every other package stands on, over bytes and without a tree library:
 *
 * <ul>
 *   <li>{@link io.github.modelrouter.json.JsonScanner}: the one strict scanner, which turns bytes
 *       into {@link io.github.modelrouter.json.JsonSpan}s (each value's byte span, members and
 *       elements), bounded in depth and in memory per byte;
 *   <li>{@link io.github.modelrouter.json.JsonLocator}: its lenient, allocation-free sibling for
 *       finding one member in an upstream's SSE event data;
 *   <li>{@link io.github.modelrouter.json.JsonMemberTap}: its incremental sibling, which keeps one
 *       top-level member of a document passing by in chunks;
 *   <li>{@link io.github.modelrouter.json.JsonWriter}: the one byte writer and string escaper;
 *   <li>{@link io.github.modelrouter.json.ByteSearch}: the word-at-a-time search for the bytes
 *       that end plain text (quotes, backslashes, line ends), shared by the scans over streams;
 *   <li>{@link io.github.modelrouter.json.ThinkingTypes}: which blocks are thinking, in answers
 *       and in request history.
 * </ul>
 *
 * <p>Pure functions and single-owner values; no I/O, no static mutable state.
 *
 * <p>May import: the JDK only.
 */
package io.github.modelrouter.json;
