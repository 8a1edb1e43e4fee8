package io.stereotype.core.score;

import io.stereotype.core.infer.DescriptorMap;
import io.stereotype.core.train.DescriptorStatistics;
import io.stereotype.core.train.NetworkId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Computes the bias terms from the descriptor maps of the whole tree. Masters live in the doctor's
 * standardised descriptor space and bachelors in their master's, so the doctor's and each master's
 * outputs are standardised with their own statistics before a student is compared with them; peers
 * are compared as they are (Eq. 9 sums over every other student of the same grade).
 */
public final class BiasScorer {
    private final int masters;
    private final int bachelors;
    private final DescriptorStatistics doctorStatistics;
    private final List<DescriptorStatistics> masterStatistics;

    /** @param masterStatistics statistics of master 1..M, in order */
    public BiasScorer(int masters, int bachelors, DescriptorStatistics doctorStatistics,
                      List<DescriptorStatistics> masterStatistics) {
        if (masterStatistics.size() != masters) {
            throw new IllegalArgumentException(masters + " masters but statistics for " + masterStatistics.size());
        }
        this.masters = masters;
        this.bachelors = bachelors;
        this.doctorStatistics = doctorStatistics;
        this.masterStatistics = List.copyOf(masterStatistics);
    }

    public BiasTerms score(Map<NetworkId, DescriptorMap> maps) {
        DescriptorMap doctor = require(maps, NetworkId.DOCTOR);
        int positions = doctor.width() * doctor.height();
        int dim = doctor.dim();
        float[] standardDoctor = doctorStatistics.standardise(doctor.values());
        List<float[]> masterOutputs = new ArrayList<>();
        List<float[]> standardMasters = new ArrayList<>();
        List<float[]> bachelorOutputs = new ArrayList<>();
        List<Integer> bachelorMaster = new ArrayList<>();
        for (int i = 1; i <= masters; i++) {
            float[] master = sameGrid(require(maps, NetworkId.master(i)), doctor).values();
            masterOutputs.add(master);
            standardMasters.add(masterStatistics.get(i - 1).standardise(master));
            for (int j = 1; j <= bachelors; j++) {
                bachelorOutputs.add(sameGrid(require(maps, NetworkId.bachelor(i, j)), doctor).values());
                bachelorMaster.add(i - 1);
            }
        }
        float[] inference = new float[positions];
        float[] delivery = new float[positions];
        float[] peer = new float[positions];
        for (int p = 0; p < positions; p++) {
            int at = p * dim;
            double inferenceSum = 0;
            double deliverySum = 0;
            double peerSum = 0;
            for (int i = 0; i < masters; i++) {
                inferenceSum += distance(standardDoctor, masterOutputs.get(i), at, dim);
                for (int k = i + 1; k < masters; k++) {
                    peerSum += distance(masterOutputs.get(i), masterOutputs.get(k), at, dim);
                }
            }
            for (int b = 0; b < bachelorOutputs.size(); b++) {
                deliverySum += distance(standardMasters.get(bachelorMaster.get(b)), bachelorOutputs.get(b), at, dim);
                for (int k = b + 1; k < bachelorOutputs.size(); k++) {
                    peerSum += distance(bachelorOutputs.get(b), bachelorOutputs.get(k), at, dim);
                }
            }
            inference[p] = (float) inferenceSum;
            delivery[p] = (float) deliverySum;
            peer[p] = (float) peerSum;
        }
        return new BiasTerms(doctor.width(), doctor.height(), inference, delivery, peer);
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
