package io.stereotype.core.pretrained;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a state dict saved by PyTorch's legacy (pre-1.6, non-zip) {@code torch.save}, without
 * Python or torch: five pickles (magic number, protocol version 1001, system info, the state dict,
 * the storage keys) followed, for each storage key in order, by an 8-byte little-endian element
 * count and the storage's raw little-endian elements. The state dict's tensors are persistent ids
 * {@code ('storage', FloatStorage|LongStorage, key, location, numel, None)} rebuilt by
 * {@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks)}.
 */
public final class TorchLegacyFile {
    static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    static final long PROTOCOL_VERSION = 1001;
    private static final PickleReader.Global ORDERED_DICT = new PickleReader.Global("collections", "OrderedDict");
    private static final PickleReader.Global REBUILD_TENSOR = new PickleReader.Global("torch._utils", "_rebuild_tensor_v2");

    private TorchLegacyFile() {
    }

    /** The tensors of the file's state dict, in the file's order. */
    public static Map<String, TorchTensor> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read PyTorch weights " + file, e);
        }
        return read(ByteBuffer.wrap(bytes), file.toString());
    }

    /** @param source names the data in errors */
    static Map<String, TorchTensor> read(ByteBuffer data, String source) {
        PickleReader pickles = new PickleReader(data, source);
        StateDictObjects objects = new StateDictObjects(source);
        if (!MAGIC.equals(toBig(pickles.read(objects)))) {
            throw new IllegalArgumentException(source + " is not a PyTorch legacy file: wrong magic number");
        }
        Object protocol = pickles.read(objects);
        if (!Long.valueOf(PROTOCOL_VERSION).equals(protocol)) {
            throw new IllegalArgumentException(source + ": protocol version " + protocol + ", expected " + PROTOCOL_VERSION);
        }
        if (!(pickles.read(objects) instanceof Map<?, ?> sysInfo) || !Boolean.TRUE.equals(sysInfo.get("little_endian"))) {
            throw new IllegalArgumentException(source + ": system info does not say little_endian=True");
        }
        if (!(pickles.read(objects) instanceof Map<?, ?> stateDict)) {
            throw new IllegalArgumentException(source + ": the saved object is not a state dict");
        }
        if (!(pickles.read(objects) instanceof List<?> keys)) {
            throw new IllegalArgumentException(source + ": the storage keys are not a list");
        }
        ByteBuffer raw = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        raw.position(pickles.position());
        Map<String, TorchTensor.Storage> storages = new HashMap<>();
        for (Object key : keys) {
            StorageRef ref = objects.storages.get(key);
            if (ref == null) {
                throw new IllegalArgumentException(source + ": storage key " + key + " is used by no tensor");
            }
            storages.put(ref.key, readStorage(raw, ref, source));
        }
        if (raw.hasRemaining()) {
            throw new IllegalArgumentException(source + ": " + raw.remaining() + " unexpected bytes after the last storage");
        }
        Map<String, TorchTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : stateDict.entrySet()) {
            if (!(entry.getKey() instanceof String name) || !(entry.getValue() instanceof TensorRef t)) {
                throw new IllegalArgumentException(source + ": state dict entry " + entry.getKey() + " is not a tensor");
            }
            TorchTensor.Storage storage = storages.get(t.storage.key);
            if (storage == null) {
                throw new IllegalArgumentException(source + ": the storage " + t.storage.key + " of " + name + " is missing");
            }
            tensors.put(name, new TorchTensor(name, storage, t.offset, t.shape, t.strides));
        }
        return tensors;
    }

    private static TorchTensor.Storage readStorage(ByteBuffer raw, StorageRef ref, String source) {
        if (raw.remaining() < 8) {
            throw new IllegalArgumentException(source + " is truncated: storage " + ref.key + " has no element count");
        }
        long count = raw.getLong();
        if (count != ref.numel) {
            throw new IllegalArgumentException(source + ": storage " + ref.key + " holds " + count
                    + " elements, its tensors say " + ref.numel);
        }
        int elementSize = ref.isFloat ? Float.BYTES : Long.BYTES;
        if (raw.remaining() < count * elementSize) {
            throw new IllegalArgumentException(source + " is truncated: storage " + ref.key + " needs " + count * elementSize
                    + " bytes, " + raw.remaining() + " are left");
        }
        if (ref.isFloat) {
            float[] values = new float[(int) count];
            raw.asFloatBuffer().get(values);
            raw.position(raw.position() + values.length * Float.BYTES);
            return new TorchTensor.FloatStorage(values);
        }
        long[] values = new long[(int) count];
        raw.asLongBuffer().get(values);
        raw.position(raw.position() + values.length * Long.BYTES);
        return new TorchTensor.LongStorage(values);
    }

    private static BigInteger toBig(Object value) {
        return value instanceof Long l ? BigInteger.valueOf(l) : value instanceof BigInteger b ? b : null;
    }

    private record StorageRef(String key, boolean isFloat, long numel) {
    }

    private record TensorRef(StorageRef storage, long offset, int[] shape, long[] strides) {
    }

    /** Understands exactly the globals a legacy state dict uses; anything else is an error. */
    private static final class StateDictObjects implements PickleReader.Resolver {
        private final String source;
        private final Map<String, StorageRef> storages = new LinkedHashMap<>();

        StateDictObjects(String source) {
            this.source = source;
        }

        @Override
        public Object call(PickleReader.Global callable, List<Object> args) {
            if (callable.equals(ORDERED_DICT) && args.isEmpty()) {
                return new LinkedHashMap<>();
            }
            if (callable.equals(REBUILD_TENSOR) && args.size() == 6 && args.get(0) instanceof StorageRef storage) {
                return new TensorRef(storage, number(args.get(1)), ints(args.get(2)), longs(args.get(3)));
            }
            throw new IllegalArgumentException(source + ": unexpected call " + callable + " with " + args.size() + " arguments");
        }

        @Override
        public Object persistent(Object id) {
            if (!(id instanceof List<?> t) || t.size() < 5 || !"storage".equals(t.get(0))
                    || !(t.get(1) instanceof PickleReader.Global type) || !"torch".equals(type.module())
                    || !(t.get(2) instanceof String key)) {
                throw new IllegalArgumentException(source + ": unexpected persistent id " + id);
            }
            boolean isFloat = switch (type.name()) {
                case "FloatStorage" -> true;
                case "LongStorage" -> false;
                default -> throw new IllegalArgumentException(source + ": unsupported storage type " + type);
            };
            StorageRef ref = new StorageRef(key, isFloat, number(t.get(4)));
            StorageRef known = storages.putIfAbsent(key, ref);
            if (known != null && !known.equals(ref)) {
                throw new IllegalArgumentException(source + ": storage " + key + " is described two different ways");
            }
            return ref;
        }

        /** An OrderedDict's state is its {@code _metadata} (module versions): not needed to read weights. */
        @Override
        public Object build(Object object, Object state) {
            if (!(object instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(source + ": unexpected object state on " + object);
            }
            return object;
        }

        private long number(Object value) {
            if (value instanceof Long l) {
                return l;
            }
            throw new IllegalArgumentException(source + ": expected an int, found " + value);
        }

        private int[] ints(Object value) {
            long[] longs = longs(value);
            int[] out = new int[longs.length];
            for (int i = 0; i < longs.length; i++) {
                out[i] = Math.toIntExact(longs[i]);
            }
            return out;
        }

        private long[] longs(Object value) {
            if (!(value instanceof List<?> list)) {
                throw new IllegalArgumentException(source + ": expected a tuple of ints, found " + value);
            }
            long[] out = new long[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = number(list.get(i));
            }
            return out;
        }
    }
}
