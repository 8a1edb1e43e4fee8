package io.stereotype.mlops.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafePathsTest {
    @TempDir
    Path folder;

    @Test
    void plainRelativeNamesLandInsideTheFolder() {
        Path root = folder.toAbsolutePath().normalize();
        assertEquals(root.resolve("saved_model.pb"), SafePaths.resolveUnder(folder, "saved_model.pb"));
        assertEquals(root.resolve("variables/variables.index"), SafePaths.resolveUnder(folder, "variables/variables.index"));
        assertEquals(root.resolve("train/good/a b..c%41.png"), SafePaths.resolveUnder(folder, "train/good/a b..c%41.png"),
                "dots inside a name, spaces and harmless escapes are ordinary file names");
        assertEquals(root.resolve("100%/x+y.png"), SafePaths.resolveUnder(folder, "100%/x+y.png"), "a lone '%' is no escape");
        assertEquals(root.resolve(".hidden/..file"), SafePaths.resolveUnder(folder, ".hidden/..file"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/tmp/x",                 // the key "prefix//tmp/x" seen below "prefix/"
            "/",
            "a//b",                   // empty segment
            "a/",                     // trailing slash: a folder placeholder, not a file
            "..",
            "../x",
            "a/../../x",
            "a/./b",
            "./a",
            "%2e%2e/x",               // encoded '..'
            "%2E%2E%2Fetc%2Fpasswd",  // encoded '../etc/passwd'
            "a/%2e%2e/%2e%2e/x",
            "%2fetc/passwd",          // encoded absolute path
            "%252e%252e/x",           // encoded twice
            "..\\x",                  // Windows-style separators
            "a\\..\\..\\x",
            "C:\\Windows\\x",
            "C:/Windows/x",
            "c:x",
            "a/b\0.png",              // NUL
            "a/%00.png",
            ""})
    void unsafeNamesAreRefusedNamingNameAndFolder(String name) {
        UnsafePathException refused = assertThrows(UnsafePathException.class, () -> SafePaths.resolveUnder(folder, name));
        assertEquals(name, refused.name());
        assertEquals(folder, refused.folder());
        assertTrue(refused.getMessage().contains(folder.toString()), refused.getMessage());
        assertTrue(refused.getMessage().startsWith("refusing remote name '"), refused.getMessage());
    }

    @Test
    void theReasonSaysWhatIsWrong() {
        assertEquals("it is an absolute path", reason("/etc/passwd"));
        assertEquals("it has a '..' path segment", reason("a/../../x"));
        assertEquals("it has a '..' path segment once percent-decoded ('../x')", reason("%2e%2e/x"));
        assertEquals("it has an empty path segment ('//' or a trailing '/')", reason("a//b"));
        assertEquals("it contains a backslash (a Windows path separator)", reason("..\\x"));
        assertEquals("it starts with a Windows drive letter", reason("C:/x"));
        assertEquals("it contains a NUL character", reason("x\0"));
    }

    @Test
    void aNulOrLineBreakIsShownEscapedInTheMessage() {
        String message = assertThrows(UnsafePathException.class, () -> SafePaths.resolveUnder(folder, "a\nb\0")).getMessage();
        assertTrue(message.contains("'a\\nb\\0'"), message);
    }

    @Test
    void aFolderGivenRelativeOrUnnormalisedStillContainsItsFiles() {
        Path messy = folder.resolve("x/../y");
        assertEquals(folder.toAbsolutePath().normalize().resolve("y/f"), SafePaths.resolveUnder(messy, "f"));
    }

    private String reason(String name) {
        return assertThrows(UnsafePathException.class, () -> SafePaths.resolveUnder(folder, name)).reason();
    }
}
