package io.stereotype.core.pretrained;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes small files in PyTorch's legacy serialization, opcode by opcode as torch.save (pickle
 * protocol 2) does, so the reader is tested without torch: each tensor is a view of its own storage.
 */
final class LegacyFileWriter {
    /** A tensor to write: floats (or longs when {@code longs} is set) viewed with offset, shape and strides. */
    record Entry(String name, float[] floats, long[] longs, int offset, int[] shape, int[] strides) {
        static Entry floats(String name, float[] values, int offset, int[] shape, int[] strides) {
            return new Entry(name, values, null, offset, shape, strides);
        }

        static Entry longs(String name, long[] values) {
            return new Entry(name, null, values, 0, new int[0], new int[0]);
        }

        int numel() {
            return floats != null ? floats.length : longs.length;
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static byte[] write(List<Entry> entries) {
        LegacyFileWriter w = new LegacyFileWriter();
        w.magic();
        w.proto().int2(1001).stop();
        w.proto().op('}').op('(').unicode("protocol_version").int2(1001).unicode("little_endian").op(0x88).op('u').stop();
        w.stateDict(entries);
        w.proto().op(']').op('(');
        for (int i = 0; i < entries.size(); i++) {
            w.unicode("key" + i);
        }
        w.op('e').stop();
        for (Entry e : entries) {
            w.storage(e);
        }
        return w.out.toByteArray();
    }

    private void magic() {
        byte[] big = TorchLegacyFile.MAGIC.toByteArray();
        proto().op(0x8a).op(big.length);
        for (int i = big.length - 1; i >= 0; i--) {
            out.write(big[i]);
        }
        stop();
    }

    private void stateDict(List<Entry> entries) {
        proto().global("collections", "OrderedDict").op(')').op('R').op('q').op(0).op('(');
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            unicode(e.name()).global("torch._utils", "_rebuild_tensor_v2").op('(');
            op('(').unicode("storage").global("torch", e.floats() != null ? "FloatStorage" : "LongStorage")
                    .unicode("key" + i).unicode("cpu").int4(e.numel()).op('N').op('t').op('Q');
            int4(e.offset()).op('(');
            for (int s : e.shape()) {
                int4(s);
            }
            op('t').op('(');
            for (int s : e.strides()) {
                int4(s);
            }
            op('t').op(0x89).global("collections", "OrderedDict").op(')').op('R').op('t').op('R');
        }
        // the OrderedDict's _metadata, as torch writes it: BUILD with a (None, {'_metadata': {...}}) state
        op('u').op('N').op('}').unicode("_metadata").op('}').op('s').op(0x86).op('b').stop();
    }

    private void storage(Entry e) {
        ByteBuffer b = ByteBuffer.allocate(8 + e.numel() * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(e.numel());
        if (e.floats() != null) {
            for (float f : e.floats()) {
                b.putFloat(f);
            }
        } else {
            for (long l : e.longs()) {
                b.putLong(l);
            }
        }
        out.write(b.array(), 0, b.position());
    }

    private LegacyFileWriter proto() {
        return op(0x80).op(2);
    }

    private LegacyFileWriter stop() {
        return op('.');
    }

    private LegacyFileWriter global(String module, String name) {
        op('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    private LegacyFileWriter unicode(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        op('X');
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(utf8.length).array());
        out.writeBytes(utf8);
        return this;
    }

    private LegacyFileWriter int2(int v) {
        return op('M').op(v & 0xff).op(v >>> 8);
    }

    private LegacyFileWriter int4(int v) {
        op('J');
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
        return this;
    }

    private LegacyFileWriter op(int b) {
        out.write(b);
        return this;
    }
}
