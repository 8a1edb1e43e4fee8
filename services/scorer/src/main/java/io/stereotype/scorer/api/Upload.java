package io.stereotype.scorer.api;

/**
 * An uploaded image's bytes.
 *
 * @param fileName the multipart file name, or null for a raw request body
 */
record Upload(String fileName, byte[] bytes) {

    /** Names the image in messages. */
    String describe() {
        return describe(fileName);
    }

    static String describe(String fileName) {
        return fileName == null ? "the request body" : "image '" + fileName + "'";
    }
}
