package io.stereotype.core.report;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * Keeps the {@code capacity} items with the highest (or lowest) keys out of a stream of any
 * length, in memory proportional to the capacity. Items are built only when they make it in,
 * so costly ones (shrunk maps) are not made for every image. On equal keys the earlier item stays.
 */
final class BoundedSelection<T> {

    private record Entry<T>(double key, T item) {
    }

    private final int capacity;
    private final Comparator<Entry<T>> firstRanked;
    /** The last-ranked kept entry at the head, so that it is the one to drop. */
    private final PriorityQueue<Entry<T>> kept;

    BoundedSelection(int capacity, boolean highest) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be 0 or more, got " + capacity);
        }
        Comparator<Entry<T>> ascending = Comparator.comparingDouble(Entry::key);
        this.capacity = capacity;
        this.firstRanked = highest ? ascending.reversed() : ascending;
        this.kept = new PriorityQueue<>(firstRanked.reversed());
    }

    void offer(double key, Supplier<T> item) {
        if (capacity == 0) {
            return;
        }
        if (kept.size() < capacity) {
            kept.add(new Entry<>(key, item.get()));
        } else if (firstRanked.compare(new Entry<>(key, null), kept.peek()) < 0) {
            kept.poll();
            kept.add(new Entry<>(key, item.get()));
        }
    }

    /** The kept items, first-ranked first. */
    List<T> ranked() {
        return kept.stream().sorted(firstRanked).map(Entry::item).toList();
    }
}
