package io.stereotype.trainer.command;

import io.stereotype.mlops.storage.ArtifactUris;
import java.net.URI;
import picocli.CommandLine.ITypeConverter;

/** Flags that take a URI accept {@code file://}, {@code s3://} or a plain path. */
public final class UriConverter implements ITypeConverter<URI> {
    @Override
    public URI convert(String value) {
        return ArtifactUris.parse(value);
    }
}
