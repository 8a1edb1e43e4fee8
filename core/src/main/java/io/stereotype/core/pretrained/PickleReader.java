package io.stereotype.core.pretrained;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of Python pickles (protocol 2) limited to the opcodes PyTorch's legacy
 * serialization writes: anything else is an error naming the opcode and its offset, so a file from
 * another writer fails loudly instead of being half understood. Python values become Java ones:
 * int as {@link Long} (or {@link BigInteger}), str as {@link String}, bool, None as null, tuple and
 * list as {@link List}, dict as {@link LinkedHashMap}, a global as {@link Global}; calls, persistent
 * ids and object state are handed to the caller's {@link Resolver}.
 */
final class PickleReader {
    /** A Python global ({@code module.name}) referenced by the pickle. */
    record Global(String module, String name) {
        @Override
        public String toString() {
            return module + "." + name;
        }
    }

    /** What a pickle's calls, persistent ids and BUILD steps turn into; errors are {@link IllegalArgumentException}s. */
    interface Resolver {
        Object call(Global callable, List<Object> args);

        Object persistent(Object id);

        Object build(Object object, Object state);
    }

    private static final Object MARK = new Object();
    private final ByteBuffer in;
    private final String source;

    /** @param source names the file in errors */
    PickleReader(ByteBuffer in, String source) {
        this.in = in.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.in.position(in.position());
        this.source = source;
    }

    /** The offset just after the last pickle read. */
    int position() {
        return in.position();
    }

    /** Reads one pickle (up to its STOP) from the current position. */
    Object read(Resolver resolver) {
        List<Object> stack = new ArrayList<>();
        Map<Long, Object> memo = new HashMap<>();
        while (true) {
            int at = in.position();
            int opcode = u8("an opcode");
            switch (opcode) {
                case 0x80 -> { // PROTO
                    int protocol = u8("the protocol");
                    if (protocol > 2) {
                        throw error(at, "pickle protocol " + protocol + " (only 2 is supported)");
                    }
                }
                case '.' -> { // STOP
                    if (stack.size() != 1) {
                        throw error(at, "STOP with " + stack.size() + " values on the stack");
                    }
                    return stack.getFirst();
                }
                case 'c' -> stack.add(new Global(line("a module name"), line("a global name"))); // GLOBAL
                case 'q' -> memo.put((long) u8("a memo index"), top(stack, at)); // BINPUT
                case 'r' -> memo.put(u32("a memo index"), top(stack, at)); // LONG_BINPUT
                case 'h' -> stack.add(memoGet(memo, u8("a memo index"), at)); // BINGET
                case 'j' -> stack.add(memoGet(memo, u32("a memo index"), at)); // LONG_BINGET
                case '(' -> stack.add(MARK);
                case ')' -> stack.add(List.of()); // EMPTY_TUPLE
                case 't' -> stack.add(tuple(popToMark(stack, at))); // TUPLE
                case 0x85 -> stack.add(tuple(pop(stack, 1, at))); // TUPLE1
                case 0x86 -> stack.add(tuple(pop(stack, 2, at))); // TUPLE2
                case 'N' -> stack.add(null);
                case 0x88 -> stack.add(Boolean.TRUE); // NEWTRUE
                case 0x89 -> stack.add(Boolean.FALSE); // NEWFALSE
                case 'K' -> stack.add((long) u8("an int")); // BININT1
                case 'M' -> stack.add(u16("an int")); // BININT2
                case 'J' -> stack.add(i32("an int")); // BININT
                case 0x8a -> stack.add(long1(at)); // LONG1
                case 'X' -> stack.add(new String(bytes(u32("a string length"), "a string"), StandardCharsets.UTF_8)); // BINUNICODE
                case '}' -> stack.add(new LinkedHashMap<>()); // EMPTY_DICT
                case ']' -> stack.add(new ArrayList<>()); // EMPTY_LIST
                case 's' -> { // SETITEM
                    List<Object> kv = pop(stack, 2, at);
                    dict(top(stack, at), at).put(kv.get(0), kv.get(1));
                }
                case 'u' -> { // SETITEMS
                    List<Object> kv = popToMark(stack, at);
                    if (kv.size() % 2 != 0) {
                        throw error(at, "SETITEMS with an odd number of values");
                    }
                    Map<Object, Object> dict = dict(top(stack, at), at);
                    for (int i = 0; i < kv.size(); i += 2) {
                        dict.put(kv.get(i), kv.get(i + 1));
                    }
                }
                case 'e' -> { // APPENDS
                    List<Object> items = popToMark(stack, at);
                    if (!(top(stack, at) instanceof ArrayList<?>)) {
                        throw error(at, "APPENDS to something that is not a list");
                    }
                    @SuppressWarnings("unchecked")
                    List<Object> list = (List<Object>) top(stack, at);
                    list.addAll(items);
                }
                case 'R' -> { // REDUCE
                    List<Object> callAndArgs = pop(stack, 2, at);
                    if (!(callAndArgs.get(0) instanceof Global callable) || !(callAndArgs.get(1) instanceof List<?> args)) {
                        throw error(at, "REDUCE needs a global and an argument tuple");
                    }
                    @SuppressWarnings("unchecked")
                    List<Object> arguments = (List<Object>) args;
                    stack.add(resolver.call(callable, arguments));
                }
                case 'Q' -> stack.add(resolver.persistent(pop(stack, 1, at).getFirst())); // BINPERSID
                case 'b' -> { // BUILD
                    List<Object> objectAndState = pop(stack, 2, at);
                    stack.add(resolver.build(objectAndState.get(0), objectAndState.get(1)));
                }
                default -> throw error(at, String.format("unexpected opcode 0x%02x", opcode));
            }
        }
    }

    private static List<Object> tuple(List<Object> values) {
        return Collections.unmodifiableList(new ArrayList<>(values));
    }

    private Object long1(int at) {
        byte[] littleEndian = bytes(u8("a long length"), "a long");
        if (littleEndian.length == 0) {
            return 0L;
        }
        byte[] bigEndian = new byte[littleEndian.length];
        for (int i = 0; i < littleEndian.length; i++) {
            bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
        }
        BigInteger value = new BigInteger(bigEndian);
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(Object value, int at) {
        if (!(value instanceof LinkedHashMap<?, ?> map)) {
            throw error(at, "SETITEM(S) on something that is not a dict");
        }
        return (Map<Object, Object>) map;
    }

    private Object top(List<Object> stack, int at) {
        if (stack.isEmpty() || stack.getLast() == MARK) {
            throw error(at, "empty stack");
        }
        return stack.getLast();
    }

    private List<Object> pop(List<Object> stack, int count, int at) {
        if (stack.size() < count) {
            throw error(at, "stack underflow");
        }
        List<Object> top = new ArrayList<>(stack.subList(stack.size() - count, stack.size()));
        if (top.contains(MARK)) {
            throw error(at, "a MARK where a value was expected");
        }
        stack.subList(stack.size() - count, stack.size()).clear();
        return top;
    }

    private List<Object> popToMark(List<Object> stack, int at) {
        int mark = stack.lastIndexOf(MARK);
        if (mark < 0) {
            throw error(at, "no MARK on the stack");
        }
        List<Object> values = new ArrayList<>(stack.subList(mark + 1, stack.size()));
        stack.subList(mark, stack.size()).clear();
        return values;
    }

    private Object memoGet(Map<Long, Object> memo, long index, int at) {
        if (!memo.containsKey(index)) {
            throw error(at, "memo index " + index + " was never stored");
        }
        return memo.get(index);
    }

    private String line(String what) {
        int start = in.position();
        while (in.hasRemaining()) {
            if (in.get() == '\n') {
                byte[] text = new byte[in.position() - 1 - start];
                in.get(start, text);
                return new String(text, StandardCharsets.US_ASCII);
            }
        }
        return truncated(what);
    }

    private int u8(String what) {
        return in.hasRemaining() ? Byte.toUnsignedInt(in.get()) : this.<Integer>truncated(what);
    }

    private long u16(String what) {
        return in.remaining() >= 2 ? Short.toUnsignedLong(in.getShort()) : this.<Long>truncated(what);
    }

    private long i32(String what) {
        return in.remaining() >= 4 ? (long) in.getInt() : this.<Long>truncated(what);
    }

    private long u32(String what) {
        return in.remaining() >= 4 ? Integer.toUnsignedLong(in.getInt()) : this.<Long>truncated(what);
    }

    private byte[] bytes(long length, String what) {
        if (length > in.remaining()) {
            return truncated(what);
        }
        byte[] out = new byte[(int) length];
        in.get(out);
        return out;
    }

    private <T> T truncated(String what) {
        throw new IllegalArgumentException(source + " is truncated: it ends at byte " + in.limit() + " while reading " + what);
    }

    private IllegalArgumentException error(int at, String what) {
        return new IllegalArgumentException(source + ": " + what + " at byte " + at);
    }
}
