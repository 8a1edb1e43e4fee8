package io.stereotype.mlops.storage;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The one place where a name that came from outside (an S3 key below a prefix, a file of a copied
 * folder) becomes a local path. Stores list whatever keys their users wrote, AWS S3 keeps keys such
 * as {@code prefix//etc/cron.d/x} or {@code prefix/../x}, so a name is accepted only when it is a
 * plain relative path that stays inside the target folder.
 */
public final class SafePaths {
    /** A drive letter ({@code C:}) starts an absolute Windows path, even with forward slashes. */
    private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:.*", Pattern.DOTALL);
    /** Percent-decoding is repeated for names encoded more than once ({@code %252e}); a bound keeps it cheap. */
    private static final int MAX_DECODINGS = 3;

    private SafePaths() {
    }

    /**
     * The local path of {@code name} (segments separated by '/') inside {@code folder}.
     *
     * @throws UnsafePathException naming {@code name} and {@code folder} when the name is empty, absolute
     *         (POSIX or Windows), has an empty, {@code .} or {@code ..} segment (also once percent-decoded),
     *         contains a backslash or a NUL, or would resolve outside {@code folder}
     */
    public static Path resolveUnder(Path folder, String name) {
        requireRelativeName(name, folder);
        Path root = folder.toAbsolutePath().normalize();
        Path resolved = root.resolve(name).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new UnsafePathException(name, folder, "it resolves to " + resolved + ", outside the folder");
        }
        return resolved;
    }

    private static void requireRelativeName(String name, Path folder) {
        if (name == null || name.isEmpty()) {
            throw new UnsafePathException(name, folder, "the name is empty");
        }
        String decoded = name;
        for (int round = 0; round <= MAX_DECODINGS; round++) {
            String problem = problemOf(decoded);
            if (problem != null) {
                throw new UnsafePathException(name, folder, decoded.equals(name) ? problem : problem + " once percent-decoded ('" + decoded + "')");
            }
            String next = percentDecoded(decoded);
            if (next.equals(decoded)) {
                return;
            }
            decoded = next;
        }
        throw new UnsafePathException(name, folder, "it is percent-encoded more than " + MAX_DECODINGS + " times");
    }

    private static String problemOf(String name) {
        if (name.indexOf('\0') >= 0) {
            return "it contains a NUL character";
        }
        if (name.indexOf('\\') >= 0) {
            return "it contains a backslash (a Windows path separator)";
        }
        if (name.startsWith("/")) {
            return "it is an absolute path";
        }
        if (WINDOWS_DRIVE.matcher(name).matches()) {
            return "it starts with a Windows drive letter";
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty()) {
                return "it has an empty path segment ('//' or a trailing '/')";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "it has a '" + segment + "' path segment";
            }
        }
        return null;
    }

    /** Decodes valid {@code %XX} escapes as UTF-8 and leaves everything else ('+', a lone '%') as it is. */
    private static String percentDecoded(String name) {
        if (name.indexOf('%') < 0) {
            return name;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] raw = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            int high = i + 2 < raw.length && raw[i] == '%' ? Character.digit(raw[i + 1], 16) : -1;
            int low = high >= 0 ? Character.digit(raw[i + 2], 16) : -1;
            if (low >= 0) {
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
