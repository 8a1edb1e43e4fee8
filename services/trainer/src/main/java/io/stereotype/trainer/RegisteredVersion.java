package io.stereotype.trainer;

import io.stereotype.mlops.registry.ModelVersion;
import java.net.URI;

/**
 * A model version as register made it.
 *
 * @param bundle where the services load its bundle: the copy under the models root
 */
record RegisteredVersion(ModelVersion version, URI bundle) {
}
