package io.stereotype.core.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import io.stereotype.core.model.DoctorKind;
import io.stereotype.core.model.ModelDescription;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.ScoreCalibration;
import io.stereotype.core.model.TreeShape;
import io.stereotype.core.net.NetworkVariant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code model.json} of format 1, which held the whole training config, as the description of
 * format 2: the model's fields are taken from the config, the training settings are left behind.
 */
final class FormatOne {
    private FormatOne() {
    }

    static ModelBundle.Description describe(JsonNode json, Path file) {
        JsonNode config = json.path("config");
        for (String field : List.of("network", "patchSize", "imageSize", "resizeSmall", "masters", "bachelors",
                "mapStride", "smoothingSigma", "standardizeTerms")) {
            if (!config.hasNonNull(field)) {
                throw new BundleException("cannot read " + file + ": format 1 config has no " + field);
            }
        }
        ModelDescription model;
        try {
            model = new ModelDescription(new TreeShape(config.get("masters").asInt(), config.get("bachelors").asInt()),
                    DoctorKind.UNRECORDED, NetworkVariant.valueOf(config.get("network").asText()),
                    config.get("patchSize").asInt(), config.get("imageSize").asInt(), config.get("resizeSmall").asBoolean(),
                    config.get("mapStride").asInt(), new ModelDescription.Scoring(config.get("smoothingSigma").asDouble(),
                    config.get("standardizeTerms").asBoolean()), null);
        } catch (IllegalArgumentException e) {
            throw new BundleException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<String> listed = new ArrayList<>();
        json.path("networks").forEach(name -> listed.add(name.asText()));
        List<String> expected = model.tree().networks().stream().map(NetworkId::name).toList();
        if (!listed.equals(expected)) {
            throw new BundleException("cannot read " + file + ": it lists the networks " + listed + ", its tree has " + expected);
        }
        return new ModelBundle.Description(1, model, json.path("channels").asInt(),
                BundleJson.convert(json.path("calibration"), ScoreCalibration.class, file));
    }
}
