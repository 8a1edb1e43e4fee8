package io.stereotype.core.train;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.model.DescriptorMoments;
import io.stereotype.core.model.DescriptorStatistics;
import io.stereotype.core.score.GridGeometry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A context-seeing teacher's standardised map of every training image, computed once on the whole
 * image padded as the scorer pads it. A crop's targets are then the cells of that map the crop's
 * grid covers: the very values the scorer compares the student with, where the teacher run on the
 * crop would see the crop's mirrored edge instead of the image around it (for the pretrained doctor
 * that differs by 0.2 of a target's variance at a 128-pixel crop, docs/algorithm.md), and the
 * teacher runs once per image instead of once per crop and step.
 *
 * <p>Crops must start on the grid (multiples of its stride) of the padded image. Kept only when every
 * training image is resident and the maps fit in half the free heap ({@link #compute}). The teacher's
 * statistics are measured on the same maps ({@link #moments}), so its standardised targets have mean
 * 0 and deviation 1 over what the students regress.
 */
public final class TeacherMaps {
    private static final double SHARE_OF_FREE = 0.5;
    private final List<float[]> maps;
    private final int[] columns;
    private final DenseGrid grid;
    private final int dim;

    private TeacherMaps(List<float[]> maps, int[] columns, DenseGrid grid, int dim) {
        this.maps = maps;
        this.columns = columns;
        this.grid = grid;
        this.dim = dim;
    }

    /**
     * The maps of the set's images, or empty when not every image is resident (a streamed set) or the
     * maps would not fit: the students then regress the teacher's maps of the crops, as for a patch network.
     */
    public static Optional<TeacherMaps> compute(TrainingSet set, GridGeometry scoring, DenseTeacher teacher, DenseGrid grid) {
        List<FloatImage> images = set.resident();
        if (images.size() < set.size()) {
            return Optional.empty();
        }
        long bytes = 0;
        for (FloatImage image : images) {
            int padding = scoring.padding(image);
            bytes += (long) grid.positions(image.width() + padding) * grid.positions(image.height() + padding)
                    * teacher.descriptorDim() * Float.BYTES;
        }
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (bytes > free * SHARE_OF_FREE) {
            return Optional.empty();
        }
        List<float[]> maps = new ArrayList<>(images.size());
        int[] columns = new int[images.size()];
        try (Describer describer = new Describer(teacher)) {
            for (int i = 0; i < images.size(); i++) {
                FloatImage input = scoring.input(images.get(i));
                maps.add(describer.describe(input));
                columns[i] = grid.positions(input.width());
            }
        }
        return Optional.of(new TeacherMaps(maps, columns, grid, teacher.descriptorDim()));
    }

    /** The moments of every cell of the maps (of a teacher with unit statistics: its raw descriptors'). */
    public DescriptorMoments moments() {
        return DescriptorMoments.of(maps, dim);
    }

    /**
     * These maps, of a teacher with unit statistics, standardised with {@code statistics}: what the same
     * teacher with those statistics computes. Standardises in place: these maps are used up.
     */
    public TeacherMaps standardised(DescriptorStatistics statistics) {
        maps.replaceAll(statistics::standardise);
        return this;
    }

    /** Values a {@code crop x crop} window's targets take: its grid positions times the descriptor size. */
    int valuesPerCrop(int crop) {
        return grid.positions(crop) * grid.positions(crop) * dim;
    }

    /**
     * Copies the targets of a {@code crop x crop} window at ({@code x}, {@code y}) of image {@code image}'s
     * padded input into {@code out} from {@code offset}, row-major over the crop's grid positions, {@code dim}
     * values each; x and y are multiples of the stride.
     */
    void copyCrop(int image, int x, int y, int crop, float[] out, int offset) {
        int stride = grid.stride();
        if (x % stride != 0 || y % stride != 0) {
            throw new IllegalArgumentException("a crop must start on the grid of stride " + stride + ", got (" + x + ", " + y + ")");
        }
        int cells = grid.positions(crop);
        float[] map = maps.get(image);
        for (int i = 0; i < cells; i++) {
            int from = ((y / stride + i) * columns[image] + x / stride) * dim;
            System.arraycopy(map, from, out, offset + i * cells * dim, cells * dim);
        }
    }

    /** One graph per input size (the images of a set may differ in size when they are not resized). */
    private static final class Describer implements AutoCloseable {
        private final DenseTeacher teacher;
        private final Map<List<Integer>, DescriberGraph> bySize = new HashMap<>();

        Describer(DenseTeacher teacher) {
            this.teacher = teacher;
        }

        float[] describe(FloatImage input) {
            return bySize.computeIfAbsent(List.of(input.height(), input.width(), input.channels()),
                    size -> new DescriberGraph(input.height(), input.width(), input.channels(), teacher::denseDescriptors))
                    .run(input.data(), 1);
        }

        @Override
        public void close() {
            bySize.values().forEach(DescriberGraph::close);
        }
    }
}
