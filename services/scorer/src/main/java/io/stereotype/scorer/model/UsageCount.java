package io.stereotype.scorer.model;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the users of a resource that is replaced while in use. Once retired it admits no new user,
 * and runs its close action exactly once, when the last user leaves (or at once if there is none).
 */
final class UsageCount {
    private final AtomicInteger users = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Runnable close;
    private volatile boolean retired;

    UsageCount(Runnable close) {
        this.close = close;
    }

    /**
     * Admits a user unless retired. The count goes up before the retired flag is read, and
     * {@link #retire} sets the flag before reading the count, so either this call backs off or the
     * retiring side sees the user and leaves the closing to its {@link #leave}.
     */
    boolean tryEnter() {
        users.incrementAndGet();
        if (retired) {
            leave();
            return false;
        }
        return true;
    }

    void leave() {
        if (users.decrementAndGet() == 0 && retired) {
            closeOnce();
        }
    }

    void retire() {
        retired = true;
        if (users.get() == 0) {
            closeOnce();
        }
    }

    int users() {
        return users.get();
    }

    boolean closed() {
        return closed.get();
    }

    private void closeOnce() {
        if (closed.compareAndSet(false, true)) {
            close.run();
        }
    }
}
