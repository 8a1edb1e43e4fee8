package io.stereotype.core.pretrained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchLegacyFileTest {
    private static final List<LegacyFileWriter.Entry> ENTRIES = List.of(
            // a 2x3 view, transposed (strides 1, 2) and offset by 1, of 7 stored floats
            LegacyFileWriter.Entry.floats("conv.weight", new float[] {9, 0, 1, 2, 3, 4, 5}, 1, new int[] {2, 3}, new int[] {1, 2}),
            LegacyFileWriter.Entry.floats("bn.bias", new float[] {0.5f, -1.25f}, 0, new int[] {2}, new int[] {1}),
            LegacyFileWriter.Entry.longs("bn.num_batches_tracked", new long[] {1234567890123L}));

    @Test
    void readsTensorsThroughTheirViews(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("tiny.pth"), LegacyFileWriter.write(ENTRIES));
        Map<String, TorchTensor> tensors = TorchLegacyFile.read(file);
        assertEquals(List.of("conv.weight", "bn.bias", "bn.num_batches_tracked"), List.copyOf(tensors.keySet()));
        TorchTensor conv = tensors.get("conv.weight");
        assertArrayEquals(new int[] {2, 3}, conv.shape());
        // element [i][j] is storage[1 + i + 2j]
        assertArrayEquals(new float[] {0, 2, 4, 1, 3, 5}, conv.floats());
        assertArrayEquals(new float[] {0.5f, -1.25f}, tensors.get("bn.bias").floats());
        TorchTensor count = tensors.get("bn.num_batches_tracked");
        assertFalse(count.isFloat());
        assertEquals(1234567890123L, ((TorchTensor.LongStorage) count.storage()).values()[0]);
    }

    @Test
    void truncatedFileIsNamed(@TempDir Path dir) throws Exception {
        byte[] bytes = LegacyFileWriter.write(ENTRIES);
        for (int cut : new int[] {bytes.length - 3, 200, 5}) {
            Path file = Files.write(dir.resolve("cut" + cut + ".pth"), Arrays.copyOf(bytes, cut));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TorchLegacyFile.read(file));
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void wrongMagicIsNamed(@TempDir Path dir) throws Exception {
        byte[] bytes = LegacyFileWriter.write(ENTRIES);
        bytes[5] ^= 1; // inside the LONG1 magic number
        Path file = Files.write(dir.resolve("magic.pth"), bytes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TorchLegacyFile.read(file));
        assertEquals(file + " is not a PyTorch legacy file: wrong magic number", e.getMessage());
    }

    @Test
    void unexpectedOpcodeIsNamedWithItsOffset(@TempDir Path dir) throws Exception {
        byte[] bytes = LegacyFileWriter.write(ENTRIES);
        bytes[15 + 2] = 'I'; // the protocol pickle's BININT2 becomes a text INT, which legacy files never use
        Path file = Files.write(dir.resolve("opcode.pth"), bytes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TorchLegacyFile.read(file));
        assertEquals(file + ": unexpected opcode 0x49 at byte 17", e.getMessage());
    }

    @Test
    void trailingBytesAreRefused(@TempDir Path dir) throws Exception {
        byte[] bytes = LegacyFileWriter.write(ENTRIES);
        Path file = Files.write(dir.resolve("long.pth"), Arrays.copyOf(bytes, bytes.length + 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TorchLegacyFile.read(file));
        assertEquals(file + ": 4 unexpected bytes after the last storage", e.getMessage());
    }

    @Test
    void readsTheImageNetEfficientNetLite0Weights() {
        Map<String, TorchTensor> tensors = TorchLegacyFile.read(PretrainedTestData.weights());
        assertEquals(296, tensors.size());
        long floats = tensors.values().stream().filter(TorchTensor::isFloat).mapToLong(TorchTensor::elementCount).sum();
        assertEquals(4_694_024, floats, "float parameters, batch-norm running statistics included");
        assertArrayEquals(new int[] {32, 3, 3, 3}, tensors.get("_conv_stem.weight").shape());
        assertArrayEquals(new int[] {32, 1, 3, 3}, tensors.get("_blocks.0._depthwise_conv.weight").shape());
        assertFalse(tensors.containsKey("_blocks.0._expand_conv.weight"));
        assertArrayEquals(new int[] {1152, 192, 1, 1}, tensors.get("_blocks.15._expand_conv.weight").shape());
        assertArrayEquals(new int[] {1280, 320, 1, 1}, tensors.get("_conv_head.weight").shape());
        assertArrayEquals(new int[] {1000, 1280}, tensors.get("_fc.weight").shape());
        assertArrayEquals(new int[0], tensors.get("_bn0.num_batches_tracked").shape());
        for (TorchTensor t : tensors.values()) {
            if (t.isFloat()) {
                for (float v : t.floats()) {
                    assertTrue(Float.isFinite(v), t.name());
                }
            }
        }
    }
}
