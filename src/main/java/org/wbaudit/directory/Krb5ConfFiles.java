package org.wbaudit.directory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Kerberos configuration as Java's loader will read it, checked before Java reads it: the
 * file, and every file its {@code include} and {@code includedir} lines bring in, chosen as
 * Java chooses them (in an included folder, names of letters, digits, '-' and '_', or ending in
 * ".conf" and not starting with '.'). Java's loader would wait forever on a FIFO and read a
 * device without end; each such file is refused here, named, with the file that included it.
 */
public final class Krb5ConfFiles {
  /** A Kerberos configuration is a few kilobytes; far more is not one. */
  public static final long MAX_SIZE = 1 << 20;
  /** Files one configuration may bring in, all includes counted. */
  static final int MAX_FILES = 256;

  private static final Pattern INCLUDED_NAME = Pattern.compile("[A-Za-z0-9_-]+");

  private Krb5ConfFiles() {}

  /**
   * @return the files Java will read, the configuration first
   * @throws IllegalArgumentException naming the file that cannot be read as configuration
   */
  public static List<Path> check(Path conf) {
    List<Path> seen = new ArrayList<>();
    visit(conf, null, seen, new HashSet<>());
    return seen;
  }

  private static void visit(Path file, Path from, List<Path> seen, Set<Path> visited) {
    String where = file + (from == null ? "" : " (included from " + from + ")");
    if (!visited.add(file.toAbsolutePath().normalize())) {
      return; // Java reads a file once
    }
    if (seen.size() >= MAX_FILES) {
      throw new IllegalArgumentException(where + ": more than " + MAX_FILES + " files included");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(where + ": " + (Files.exists(file)
          ? "not a regular file (Java's Kerberos would wait on a FIFO or read a device forever)"
          : "no such file"));
    }
    List<String> lines;
    try {
      long size = Files.size(file);
      if (size > MAX_SIZE) {
        throw new IllegalArgumentException(where + ": " + size + " bytes, too large for a Kerberos"
            + " configuration");
      }
      lines = List.of(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).split("\r?\n"));
    } catch (IOException e) {
      throw new IllegalArgumentException(where + ": cannot read it: " + e.getMessage());
    }
    seen.add(file);
    for (String raw : lines) {
      String line = raw.trim();
      if (line.startsWith("includedir ")) {
        Path dir = Path.of(line.substring("includedir ".length()).trim());
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
          ds.forEach(entries::add);
        } catch (IOException e) {
          throw new IllegalArgumentException(dir + " (includedir in " + file + "): cannot list it: "
              + e.getMessage());
        }
        entries.sort(null);
        for (Path p : entries) {
          String name = p.getFileName().toString();
          if (Files.isDirectory(p)) {
            continue;
          }
          if (INCLUDED_NAME.matcher(name).matches() || (!name.startsWith(".") && name.endsWith(".conf"))) {
            visit(p, file, seen, visited);
          }
        }
      } else if (line.startsWith("include ")) {
        visit(Path.of(line.substring("include ".length()).trim()), file, seen, visited);
      }
    }
  }
}
