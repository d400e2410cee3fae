package dev.yolojava.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Where the CLI writes: output folders checked before work starts, files replaced atomically. */
final class Outputs {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Outputs() {
    }

    /**
     * A fresh run folder under {@code parent}: {@code name}, else {@code name2}, {@code name3}, ... (the
     * Ultralytics {@code predict}, {@code predict2} convention), created and checked writable.
     */
    static Path freshFolder(Path parent, String name) {
        if (name.isBlank() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("--name: expected a folder name without separators, got '" + name + "'");
        }
        writableFolder(parent);
        for (int i = 1; i < 100_000; i++) {
            Path p = parent.resolve(i == 1 ? name : name + i);
            try {
                Files.createDirectory(p);
                return p;
            } catch (FileAlreadyExistsException e) {
                // taken by an earlier run: try the next number
            } catch (IOException e) {
                throw new OutputException("cannot create output folder " + p + ": " + e.getMessage()
                        + "; pass --out with a writable folder", e);
            }
        }
        throw new OutputException("no free run folder " + name + "N under " + parent + "; pass --out");
    }

    /** Creates {@code dir} if needed and proves it writable with a probe file; names it on failure. */
    static Path writableFolder(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new OutputException("output folder " + dir + " is an existing file, not a folder; pass --out with a folder");
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".yolo-write-check", ".tmp");
            Files.delete(probe);
            return dir;
        } catch (IOException | SecurityException e) {
            throw new OutputException("output folder " + dir + " is not writable (" + e + "); pass --out with a"
                    + " writable folder", e);
        }
    }

    /** Checks that {@code file} can be written later: not a folder, its folder writable. */
    static void writableFile(Path file, String option) {
        if (Files.isDirectory(file)) {
            throw new OutputException(option + " " + file + " is a folder; name a file");
        }
        Path parent = file.toAbsolutePath().getParent();
        try {
            writableFolder(parent);
        } catch (OutputException e) {
            throw new OutputException(option + " " + file + " cannot be written: " + e.getMessage(), e);
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new OutputException(option + " " + file + " exists and is not writable");
        }
    }

    /** Writes {@code value} as indented JSON to {@code file}: a temporary file beside it, then a rename. */
    static void writeJsonAtomically(Path file, Object value) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            JSON.writeValue(tmp.toFile(), value);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new OutputException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the rename already happened or the write failed and was reported
                }
            }
        }
    }
}
