package io.stereotype.scorer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UsageCountTest {

    @Test
    void anIdleResourceClosesWhenRetired() {
        AtomicInteger closes = new AtomicInteger();
        UsageCount usage = new UsageCount(closes::incrementAndGet);

        usage.retire();

        assertEquals(1, closes.get());
        assertFalse(usage.tryEnter(), "a retired resource admits no one");
        assertEquals(1, closes.get());
    }

    @Test
    void aRetiredResourceClosesWhenItsLastUserLeaves() {
        AtomicInteger closes = new AtomicInteger();
        UsageCount usage = new UsageCount(closes::incrementAndGet);
        assertTrue(usage.tryEnter());
        assertTrue(usage.tryEnter());

        usage.retire();
        assertEquals(0, closes.get(), "two users are still in");
        usage.leave();
        assertEquals(0, closes.get(), "one user is still in");
        usage.leave();

        assertEquals(1, closes.get());
        assertTrue(usage.closed());
    }

    @Test
    void racingUsersAndRetirementCloseExactlyOnceAndNeverUnderAUser() throws Exception {
        for (int round = 0; round < 200; round++) {
            AtomicInteger closes = new AtomicInteger();
            AtomicBoolean usedAfterClose = new AtomicBoolean();
            UsageCount usage = new UsageCount(closes::incrementAndGet);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> users = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                users.add(Thread.ofPlatform().start(() -> {
                    await(go);
                    for (int n = 0; n < 100; n++) {
                        if (usage.tryEnter()) {
                            usedAfterClose.compareAndSet(false, closes.get() > 0);
                            usage.leave();
                        }
                    }
                }));
            }
            go.countDown();
            usage.retire();
            for (Thread user : users) {
                user.join();
            }

            assertEquals(1, closes.get(), "round " + round);
            assertFalse(usedAfterClose.get(), "round " + round + ": a user got in after the close");
            assertEquals(0, usage.users());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
