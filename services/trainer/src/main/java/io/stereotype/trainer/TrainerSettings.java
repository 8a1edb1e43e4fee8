package io.stereotype.trainer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** application.properties / environment configuration of the trainer (prefix {@code stereotype}). */
@ConfigMapping(prefix = "stereotype")
public interface TrainerSettings {

    S3 s3();

    Retry retry();

    /** Where data sets and models downloaded from s3:// are kept between steps. */
    Path cacheDir();

    /**
     * The pretrained doctor's weights file (STEREOTYPE_DOCTOR_WEIGHTS); application.properties defaults it to
     * {@code $STEREOTYPE_DATA/weights/efficientnet-lite0.pth}, else the same under
     * {@code ~/.cache/stereotype/data}, where scripts/fetch-data.sh --weights puts it.
     */
    Path doctorWeights();

    interface S3 {
        /** Overrides AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL / MLFLOW_S3_ENDPOINT_URL. */
        Optional<String> endpoint();

        Optional<String> accessKey();

        Optional<String> secretKey();

        Optional<String> region();
    }

    interface Retry {
        @WithDefault("5")
        int attempts();

        @WithDefault("PT1S")
        Duration initialDelay();
    }
}
