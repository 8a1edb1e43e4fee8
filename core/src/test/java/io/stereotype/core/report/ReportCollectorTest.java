package io.stereotype.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stereotype.core.data.Sample;
import io.stereotype.core.image.FloatMap;
import io.stereotype.core.score.AnomalyResult;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportCollectorTest {

    private static Sample sample(String name, String defect) {
        return new Sample(Path.of(name + ".png"), defect, null);
    }

    private static FloatMap constant(int side, float value) {
        float[] values = new float[side * side];
        Arrays.fill(values, value);
        return new FloatMap(side, side, values);
    }

    /** A result whose term maps peak at score/2, score/3 and score/6. */
    private static AnomalyResult result(double score, int side) {
        return new AnomalyResult(score, score > 5, 5, constant(side, (float) score), Map.of(
                "inference", constant(side, (float) score / 2),
                "delivery", constant(side, (float) score / 3),
                "peer", constant(side, (float) score / 6)));
    }

    private static List<String> names(ExampleGroup group) {
        return group.examples().stream().map(e -> e.sample().image().toString()).toList();
    }

    @Test
    void keepsOnlyTheBestAndWorstCasesInOrder() {
        ReportCollector collector = new ReportCollector(2);
        for (int i = 0; i < 50; i++) {
            collector.accept(sample("n" + i, Sample.GOOD), result(i % 10, 4));        // normal scores 0-9
            collector.accept(sample("a" + i, "crack"), result(3 + (i * 7) % 50, 4));  // anomalous scores 3-52, each once
        }
        List<ExampleGroup> groups = collector.examples();
        assertEquals(List.of("Best detections", "Weakest anomalies", "Most suspicious normal images"),
                groups.stream().map(ExampleGroup::title).toList());
        assertEquals(List.of(52.0, 51.0), groups.get(0).examples().stream().map(Example::score).toList());
        assertEquals(List.of(3.0, 4.0), groups.get(1).examples().stream().map(Example::score).toList());
        // equal scores keep the first image seen
        assertEquals(List.of("n9.png", "n19.png"), names(groups.get(2)));
        assertEquals(false, groups.get(1).examples().getFirst().correct());
        assertEquals(100, collector.images());
    }

    @Test
    void showsAnImageInTheFirstGroupOnlyAndLeavesEmptyGroupsOut() {
        ReportCollector collector = new ReportCollector(3);
        collector.accept(sample("a", "crack"), result(7, 4));
        collector.accept(sample("b", "crack"), result(6, 4));
        List<ExampleGroup> groups = collector.examples();
        assertEquals(1, groups.size());
        assertEquals(List.of("a.png", "b.png"), names(groups.getFirst()));
        assertEquals(List.of(), new ReportCollector(0).examples());
    }

    @Test
    void summarisesEachTermsImageMaximaByClass() {
        ReportCollector collector = new ReportCollector(1);
        collector.accept(sample("n1", Sample.GOOD), result(2, 4));
        collector.accept(sample("n2", Sample.GOOD), result(4, 4));
        collector.accept(sample("a1", "crack"), result(12, 4));
        List<BiasTermStatistics> terms = collector.biasTerms();
        assertEquals(List.of("inference", "delivery", "peer"), terms.stream().map(BiasTermStatistics::term).toList());
        assertEquals(new BiasTermStatistics.Summary(2, 1.5, 0.5), terms.get(0).normal());
        assertEquals(new BiasTermStatistics.Summary(1, 4.0, 0.0), terms.get(1).anomalous());
        assertEquals(2.0, terms.get(2).anomalous().mean(), 1e-6);
        assertNull(new ReportCollector().biasTerms().getFirst().normal().mean());
    }

    @Test
    void shrinksKeptMapsOfLargeImagesOnly() {
        ReportCollector collector = new ReportCollector(1);
        AnomalyResult small = result(3, 64);
        collector.accept(sample("small", "crack"), small);
        FloatMap large = new FloatMap(1024, 512, new float[1024 * 512]);
        collector.accept(sample("large", Sample.GOOD),
                new AnomalyResult(1, false, 5, large, Map.of("inference", large, "delivery", large, "peer", large)));
        Example kept = collector.examples().get(1).examples().getFirst();
        assertEquals(ReportCollector.THUMBNAIL_SIDE, kept.map().width());
        assertEquals(ReportCollector.THUMBNAIL_SIDE / 2, kept.terms().get("peer").height());
        assertSame(small.map(), collector.examples().getFirst().examples().getFirst().map());
    }

    @Test
    void namesTheImageWhoseResultLacksATermMap() {
        ReportCollector collector = new ReportCollector();
        AnomalyResult noPeer = new AnomalyResult(1, false, 5, constant(2, 1), Map.of("inference", constant(2, 1), "delivery", constant(2, 1)));
        var error = assertThrows(IllegalArgumentException.class, () -> collector.accept(sample("x", Sample.GOOD), noPeer));
        assertEquals(true, error.getMessage().startsWith("anomaly result of x.png has no 'peer' term map"), error.getMessage());
    }
}
