package io.stereotype.core.score;

import io.stereotype.core.infer.DescriptorMap;
import io.stereotype.core.model.DescriptorStatistics;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.TreeShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the bias terms from the descriptor maps of the whole tree. Masters live in the doctor's
 * standardised descriptor space and bachelors in their master's, so the doctor's and each master's
 * outputs are standardised with their own statistics before a student is compared with them; peers
 * are compared as they are (Eq. 9 sums over every unordered pair of students of the same grade).
 */
public final class BiasScorer {
    private final TreeShape tree;
    private final Map<NetworkId, DescriptorStatistics> teacherStatistics;

    /** @param teacherStatistics statistics of the doctor and of every master of {@code tree} */
    public BiasScorer(TreeShape tree, Map<NetworkId, DescriptorStatistics> teacherStatistics) {
        this.tree = tree;
        this.teacherStatistics = Map.copyOf(teacherStatistics);
        List<NetworkId> teachers = new ArrayList<>(List.of(NetworkId.DOCTOR));
        teachers.addAll(tree.masters());
        for (NetworkId teacher : teachers) {
            if (!teacherStatistics.containsKey(teacher)) {
                throw new IllegalArgumentException("no descriptor statistics for " + teacher);
            }
        }
    }

    public BiasTerms score(Map<NetworkId, DescriptorMap> maps) {
        DescriptorMap reference = require(maps, tree.masters().getFirst());
        int positions = reference.width() * reference.height();
        int dim = reference.dim();
        Map<NetworkId, float[]> outputs = new LinkedHashMap<>();
        for (NetworkId id : tree.networks()) {
            if (id.role() != NetworkId.Role.DOCTOR) {
                outputs.put(id, sameGrid(require(maps, id), reference).values());
            }
        }
        // each student is compared with its teacher's output standardised by the teacher's statistics
        Map<NetworkId, float[]> standardTeachers = new LinkedHashMap<>();
        standardTeachers.put(NetworkId.DOCTOR, teacherStatistics.get(NetworkId.DOCTOR)
                .standardise(sameGrid(require(maps, NetworkId.DOCTOR), reference).values()));
        tree.masters().forEach(m -> standardTeachers.put(m, teacherStatistics.get(m).standardise(outputs.get(m))));
        List<NetworkId> masters = tree.masters();
        List<NetworkId> bachelors = tree.bachelors();
        float[] inference = new float[positions];
        float[] delivery = new float[positions];
        float[] peer = new float[positions];
        for (int p = 0; p < positions; p++) {
            int at = p * dim;
            inference[p] = (float) teacherDistances(masters, standardTeachers, outputs, at, dim);
            delivery[p] = (float) teacherDistances(bachelors, standardTeachers, outputs, at, dim);
            peer[p] = (float) (peerDistances(masters, outputs, at, dim) + peerDistances(bachelors, outputs, at, dim));
        }
        return new BiasTerms(reference.width(), reference.height(), inference, delivery, peer);
    }

    /** Eq. 7 (masters against the doctor) and Eq. 8 (each bachelor against its own master). */
    private double teacherDistances(List<NetworkId> students, Map<NetworkId, float[]> standardTeachers,
                                    Map<NetworkId, float[]> outputs, int at, int dim) {
        double sum = 0;
        for (NetworkId student : students) {
            sum += distance(standardTeachers.get(tree.teacherOf(student)), outputs.get(student), at, dim);
        }
        return sum;
    }

    /** Eq. 9 for one grade: every unordered pair of its students once. */
    private static double peerDistances(List<NetworkId> grade, Map<NetworkId, float[]> outputs, int at, int dim) {
        double sum = 0;
        for (int a = 0; a < grade.size(); a++) {
            for (int b = a + 1; b < grade.size(); b++) {
                sum += distance(outputs.get(grade.get(a)), outputs.get(grade.get(b)), at, dim);
            }
        }
        return sum;
    }

    private static DescriptorMap require(Map<NetworkId, DescriptorMap> maps, NetworkId id) {
        DescriptorMap map = maps.get(id);
        if (map == null) {
            throw new IllegalArgumentException("no descriptor map for " + id);
        }
        return map;
    }

    private static DescriptorMap sameGrid(DescriptorMap map, DescriptorMap reference) {
        if (map.width() != reference.width() || map.height() != reference.height() || map.dim() != reference.dim()) {
            throw new IllegalArgumentException("descriptor maps of one tree differ in shape: " + map.width() + "x"
                    + map.height() + "x" + map.dim() + " vs " + reference.width() + "x" + reference.height() + "x" + reference.dim());
        }
        return map;
    }

    /** Eq. 7-9's sqrt((a - b)^2): the Euclidean distance of two descriptors. */
    private static double distance(float[] a, float[] b, int at, int dim) {
        double sum = 0;
        for (int k = at; k < at + dim; k++) {
            double diff = a[k] - b[k];
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }
}
