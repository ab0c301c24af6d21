package org.wbaudit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** File helpers the tests share. */
public final class TestFiles {
  private TestFiles() {}

  /** Copies the tree at {@code from} to {@code to}, folders and files. */
  public static void copy(Path from, Path to) throws IOException {
    try (var s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
