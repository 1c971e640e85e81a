package io.telemetryflow.sdk.internal;

import io.opentelemetry.api.trace.Span;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * Open spans by span id, without allocating per entry: {@link SpanRegistry}'s storage.
 *
 * <p>The key is the span's own id ({@code getSpanContext().getSpanId()}), so a slot holds just the span — no
 * map node per {@code startSpan} (a {@code ConcurrentHashMap} allocates a 32-byte node for each put, a third of
 * what a span event costs beyond the raw SDK's own allocations). The ids are random, so they spread evenly over
 * {@link #STRIPES} stripes, each a linear-probing table under its own lock: threads that start and end spans
 * at once rarely meet on one, and each stripe sits on cache lines of its own. Removal shifts the entries after it
 * back (no tombstones), so a table never fills with dead slots; it grows, never shrinks, but for {@link #clear()}.
 *
 * <p>{@link #get} ({@code addSpanEvent}) takes no lock: writers publish the table and its slots with release
 * writes, so a reader that finds the id has found a span that was kept under it. A reader can miss an entry that a
 * removal is shifting back at that moment, so a miss is confirmed under the lock before it is believed.
 */
final class SpanTable {

    /** Stripes (a power of two); the low bits of an id's hash pick the stripe, the bits above them the slot. */
    static final int STRIPES = 64;
    private static final int STRIPE_BITS = Integer.numberOfTrailingZeros(STRIPES);
    private static final int INITIAL_SLOTS = 16;

    /** Spins on a held stripe before yielding the processor between tries. */
    private static final int SPINS = 64;

    private static final VarHandle LOCK;
    private static final VarHandle COUNT;
    private static final VarHandle SLOTS;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Span[].class);

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            LOCK = lookup.findVarHandle(StripeFields.class, "lock", int.class);
            COUNT = lookup.findVarHandle(StripeFields.class, "count", int.class);
            SLOTS = lookup.findVarHandle(StripeFields.class, "slots", Span[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Stripe[] stripes = new Stripe[STRIPES];

    SpanTable() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /** One stripe's lock and table, right after its header: HotSpot lays out a superclass's fields first. */
    private abstract static class StripeFields {
        int lock; // 1 while a thread holds the stripe: see lock(Stripe)
        Span[] slots = new Span[INITIAL_SLOTS]; // written under the lock (released, as are its slots); at most half full
        int count; // written under the lock (released), read without it (acquired) for the size
    }

    /**
     * One lock, one table, then 64 bytes of padding, so that the next stripe's lock never shares a cache line
     * with this one's fields (padding declared beside them would be moved before them: longs are laid out first).
     */
    @SuppressWarnings("unused") // the padding fields
    private static final class Stripe extends StripeFields {
        long p0, p1, p2, p3, p4, p5, p6, p7;
    }

    private static String idOf(Span span) {
        return span.getSpanContext().getSpanId();
    }

    /**
     * Takes the stripe: one compare-and-set when it is free, and {@link #unlock} is a plain release write. A monitor
     * ({@code synchronized}) costs a second atomic instruction on exit, and {@code startSpan} plus {@code endSpan}
     * take a stripe twice: on this path, right after the SDK's allocations, an atomic instruction can wait for the
     * store buffer to drain. A holder keeps a stripe for a few probes only (the calls out of this class under it are
     * the spans' {@code getSpanContext()} and {@link #forEach}'s short action), so a thread that finds it held spins
     * briefly, then yields until it is free.
     */
    private static void lock(Stripe s) {
        if (!LOCK.compareAndSet(s, 0, 1)) {
            lockContended(s);
        }
    }

    private static void lockContended(Stripe s) {
        for (int tries = 0; ; tries++) {
            if ((int) LOCK.getOpaque(s) == 0 && LOCK.compareAndSet(s, 0, 1)) {
                return;
            }
            if (tries < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // the holder may be descheduled: let it run
            }
        }
    }

    /** Releases the stripe: everything written under the lock is visible to the next thread that takes it. */
    private static void unlock(Stripe s) {
        LOCK.setRelease(s, 0);
    }

    /**
     * The hash of {@code id}; its low {@code log2(STRIPES)} bits pick the stripe. {@link String#hashCode()}, which the
     * string keeps: the id's sixteen characters are walked once, by {@code startSpan}'s put, and every later hash of
     * the same string ({@code endSpan}'s remove, {@code addSpanEvent}'s get, the registry's sampling, a removal's
     * shift-back) is one field read. The high half is folded into the low bits, which pick the stripe and the slot.
     */
    static int hash(String id) {
        int h = id.hashCode();
        return h ^ (h >>> 16);
    }

    private Stripe stripe(int hash) {
        return stripes[hash & (STRIPES - 1)];
    }

    private static int home(int hash, int mask) {
        return (hash >>> STRIPE_BITS) & mask;
    }

    /** Keeps {@code span} under its id, in place of a span kept under the same id, and returns the id. */
    String put(Span span) {
        String id = idOf(span);
        int h = hash(id);
        Stripe s = stripe(h);
        lock(s);
        try {
            if ((s.count + 1) * 2 > s.slots.length) {
                SLOTS.setRelease(s, rehashed(s.slots, s.slots.length * 2));
            }
            Span[] slots = s.slots;
            int mask = slots.length - 1;
            for (int i = home(h, mask); ; i = (i + 1) & mask) {
                Span e = slots[i];
                if (e == null) {
                    SLOT.setRelease(slots, i, span);
                    COUNT.setRelease(s, s.count + 1);
                    return id;
                }
                if (idOf(e).equals(id)) {
                    SLOT.setRelease(slots, i, span);
                    return id;
                }
            }
        } finally {
            unlock(s);
        }
    }

    /** The span kept under {@code id}, or {@code null}: without a lock when it is there. */
    Span get(String id) {
        int h = hash(id);
        Stripe s = stripe(h);
        Span found = probe((Span[]) SLOTS.getAcquire(s), id, h);
        if (found != null) {
            return found;
        }
        lock(s); // a miss may be an entry being shifted back: look again, with the writers held off
        try {
            return probe(s.slots, id, h);
        } finally {
            unlock(s);
        }
    }

    /**
     * The span under {@code id} in {@code slots}, or {@code null}; safe without the lock. Bounded by the table's
     * length: a shift in progress may hold an entry twice for a moment, and the probe must end even then.
     */
    private static Span probe(Span[] slots, String id, int h) {
        int mask = slots.length - 1;
        for (int i = home(h, mask), left = slots.length; left > 0; i = (i + 1) & mask, left--) {
            Span e = (Span) SLOT.getAcquire(slots, i);
            if (e == null) {
                return null;
            }
            if (idOf(e).equals(id)) {
                return e;
            }
        }
        return null;
    }

    /** Removes and returns the span kept under {@code id}, or {@code null}. */
    Span remove(String id) {
        int h = hash(id);
        Stripe s = stripe(h);
        lock(s);
        try {
            Span[] slots = s.slots;
            int i = indexOf(slots, id, h);
            if (i < 0) {
                return null;
            }
            Span found = slots[i];
            shiftBackInto(slots, i);
            COUNT.setRelease(s, s.count - 1);
            return found;
        } finally {
            unlock(s);
        }
    }

    /** Spans kept: exact when no put or remove runs at once, and never more than were put. */
    int size() {
        int n = 0;
        for (Stripe s : stripes) {
            n += (int) COUNT.getAcquire(s);
        }
        return n;
    }

    /** Calls {@code action} with every span kept, one stripe at a time, under that stripe's lock (keep it short). */
    void forEach(Consumer<? super Span> action) {
        for (Stripe s : stripes) {
            lock(s);
            try {
                for (Span span : s.slots) {
                    if (span != null) {
                        action.accept(span);
                    }
                }
            } finally {
                unlock(s);
            }
        }
    }

    /** Removes every span, returning how many there were; the tables go back to their first size. */
    int clear() {
        int n = 0;
        for (Stripe s : stripes) {
            lock(s);
            try {
                n += s.count;
                SLOTS.setRelease(s, new Span[INITIAL_SLOTS]);
                COUNT.setRelease(s, 0);
            } finally {
                unlock(s);
            }
        }
        return n;
    }

    // Guarded by the stripe's lock.
    private static int indexOf(Span[] slots, String id, int h) {
        int mask = slots.length - 1;
        for (int i = home(h, mask); ; i = (i + 1) & mask) {
            Span e = slots[i];
            if (e == null) {
                return -1; // never full: at most half the slots are used
            }
            if (idOf(e).equals(id)) { // the same String as startSpan returned, most often: equals checks that first
                return i;
            }
        }
    }

    /**
     * Empties slot {@code i} and moves back each later entry of its probe run whose home slot lies cyclically at
     * or before the gap (Knuth's algorithm R), so every entry stays reachable from its home without tombstones.
     */
    // Guarded by the stripe's lock.
    private static void shiftBackInto(Span[] slots, int i) {
        int mask = slots.length - 1;
        int gap = i;
        for (int j = (gap + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            int k = home(hash(idOf(slots[j])), mask);
            boolean stays = gap <= j ? gap < k && k <= j : gap < k || k <= j;
            if (!stays) {
                SLOT.setRelease(slots, gap, slots[j]);
                gap = j;
            }
        }
        SLOT.setRelease(slots, gap, null);
    }

    private static Span[] rehashed(Span[] slots, int size) {
        Span[] grown = new Span[size];
        int mask = size - 1;
        for (Span span : slots) {
            if (span != null) {
                int i = home(hash(idOf(span)), mask);
                while (grown[i] != null) {
                    i = (i + 1) & mask;
                }
                grown[i] = span;
            }
        }
        return grown;
    }
}
