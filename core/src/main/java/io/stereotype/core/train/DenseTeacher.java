package io.stereotype.core.train;

import io.stereotype.core.score.GridGeometry;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A teacher as a graph function for dense student training: images in, the regression targets of
 * every patch position out, on exactly the student's grid.
 *
 * <p>The contract, for images {@code [N, H, W, C]} in plain [0, 1] pixels and a student of patch
 * side P whose map stride is s (see {@link DenseGrid}): the output is {@code [N, h, w, D]} with
 * h = (H - P) / s + 1 and w = (W - P) / s + 1 (integer division), position (i, j) holds the
 * teacher's descriptor of the P x P patch whose top-left pixel is (i * s, j * s), standardised
 * per dimension like the targets of patch training (mean 0, deviation 1 on normal patches).
 * D is the teacher's, not necessarily the student's default: the student is built to output D.
 * A map on the receptive-field grid of the same stride ((H - RF) / s + 1 rows, as the patch
 * networks' and {@code core.pretrained.BackboneDescriptors}' dense maps) has the same top-left
 * positions and at most one more row and column: {@link DenseGrid#fit} cuts it to this grid.
 */
public interface DenseTeacher {

    /** D, the number of values per position. */
    int descriptorDim();

    /** The standardised targets of every grid position of {@code images}. */
    Operand<TFloat32> denseDescriptors(Ops tf, Operand<TFloat32> images);

    /**
     * Its maps of the whole images of {@code set}, padded as {@code scoring} pads them, when a position's
     * descriptor also depends on pixels outside its patch (the pretrained backbone's cells do): such a
     * teacher describes a training crop differently from the whole image the scorer describes, so its
     * students regress its maps of the whole images ({@link TeacherMaps}). Empty for a teacher whose cells
     * see only their patch (a patch network), or when the maps would not be kept: its students then
     * regress its maps of their crops.
     */
    default Optional<TeacherMaps> wholeImageMaps(TrainingSet set, GridGeometry scoring) {
        return Optional.empty();
    }
}
