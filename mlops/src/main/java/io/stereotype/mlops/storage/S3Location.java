package io.stereotype.mlops.storage;

import java.net.URI;
import java.net.URISyntaxException;

/** A bucket and an object key (or key prefix, without trailing slash) taken from an {@code s3://} URI. */
record S3Location(String bucket, String key) {

    static S3Location of(URI uri) {
        if (!"s3".equals(uri.getScheme()) || uri.getAuthority() == null) {
            throw new IllegalArgumentException("not an s3://bucket/key URI: " + uri);
        }
        String key = uri.getPath() == null ? "" : uri.getPath();
        key = key.replaceAll("^/+", "").replaceAll("/+$", "");
        // the authority, not the host: bucket names with underscores are not valid host names
        return new S3Location(uri.getAuthority(), key);
    }

    /** The prefix under which the objects of this "folder" live. */
    String folderPrefix() {
        return key.isEmpty() ? "" : key + "/";
    }

    S3Location child(String relative) {
        return new S3Location(bucket, folderPrefix() + relative);
    }

    /** A location beside this one, in the same parent "folder". */
    S3Location sibling(String name) {
        int slash = key.lastIndexOf('/');
        return new S3Location(bucket, slash < 0 ? name : key.substring(0, slash + 1) + name);
    }

    String name() {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    URI toUri() {
        try {
            return new URI("s3", bucket, "/" + key, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot form a URI for bucket " + bucket + " and key " + key, e);
        }
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
