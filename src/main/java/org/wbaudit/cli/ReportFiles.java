package org.wbaudit.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.wbaudit.report.ReportFormat;

/**
 * Where each format of a report goes: standard output, or a file written beside its final name
 * and moved into place only once whole, so an interrupted run never leaves a report that looks
 * complete. Closing deletes what was not moved.
 */
final class ReportFiles implements AutoCloseable {
  /** One format's destination: a temporary file and its final name, or standard output. */
  record Destination(ReportFormat format, Path temp, Path target, OutputStream stream) {}

  private final List<Destination> destinations = new ArrayList<>();
  /** Deletes the partial files when the JVM is stopped (SIGTERM, Ctrl-C) before they are moved. */
  private final Thread cleanup = new Thread(this::deleteTemps, "wbaudit-partial-cleanup");

  ReportFiles() {
    Runtime.getRuntime().addShutdownHook(cleanup);
  }

  private void deleteTemps() {
    for (Destination d : destinations) {
      if (d.temp() != null) {
        try {
          Files.deleteIfExists(d.temp());
        } catch (IOException e) {
          // the JVM is going away
        }
      }
    }
  }

  /** Standard output, for a single format. */
  void toStdout(ReportFormat format, PrintWriter stdout) {
    destinations.add(new Destination(format, null, null, new StdoutStream(stdout)));
  }

  /**
   * A file, written under a temporary name in its folder first and moved into place; a device,
   * a FIFO or a standard stream (/dev/stdout, /dev/null, a named pipe) is written to as it is:
   * moving a file onto one would replace the node itself.
   */
  void toFile(ReportFormat format, Path target) throws IOException {
    if (isNode(target)) {
      destinations.add(new Destination(format, null, target,
          new java.io.FileOutputStream(target.toFile())));
      return;
    }
    Path temp = temp(target);
    destinations.add(new Destination(format, temp, target, Files.newOutputStream(temp)));
  }

  /** A character or block device, a FIFO or a socket, or anything under /dev or /proc. */
  static boolean isNode(Path target) {
    Path abs = target.toAbsolutePath().normalize();
    if (abs.startsWith("/dev/") || abs.startsWith("/proc/")) {
      return true;
    }
    try {
      return Files.exists(target)
          && Files.readAttributes(target, java.nio.file.attribute.BasicFileAttributes.class).isOther();
    } catch (IOException e) {
      return false;
    }
  }

  List<Destination> destinations() {
    return destinations;
  }

  /** Closes every stream and moves each file into place; says where on {@code err} when asked. */
  void commit(PrintWriter err, boolean sayWhere) throws IOException {
    for (Destination d : destinations) {
      d.stream().flush();
      d.stream().close();
    }
    for (Destination d : destinations) {
      if (d.temp() != null) {
        Files.move(d.temp(), d.target(), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
        if (sayWhere) {
          err.println("wbaudit: wrote " + d.target());
        }
      }
    }
  }

  private static Path temp(Path output) throws IOException {
    return Files.createTempFile(output.toAbsolutePath().getParent(), "." + output.getFileName(),
        ".partial");
  }

  /**
   * Refuses, before anything connects, a destination whose folder does not exist or cannot be
   * written: a usage error, not an audit thrown away at the end.
   */
  static void checkWritable(String option, Path target) {
    if (target.toString().isEmpty()) {
      throw new UserError(ExitCode.USAGE, option + ": an empty file name");
    }
    if (Files.isDirectory(target)) {
      throw new UserError(ExitCode.USAGE, option + ": " + target + " is a folder; give a file name,"
          + " or use --output-dir");
    }
    if (isNode(target)) {
      if (!Files.isWritable(target)) {
        throw new UserError(ExitCode.USAGE, option + ": " + target + " cannot be written");
      }
      return;
    }
    Path dir = target.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new UserError(ExitCode.USAGE, option + ": cannot write in " + dir
          + " (not a folder this user can write)");
    }
  }

  @Override
  public void close() throws IOException {
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException shuttingDown) {
      // the hook deletes the same files
    }
    for (Destination d : destinations) {
      try {
        d.stream().close();
      } catch (IOException ignored) {
        // Already failing or done; the temporary file goes below.
      }
      if (d.temp() != null) {
        Files.deleteIfExists(d.temp());
      }
    }
  }
}
