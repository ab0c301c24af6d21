package org.wbaudit.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files and folders that hold directory data, created for their owner alone whatever the
 * umask: rw------- and rwx------, set again after creation (a umask can only take bits away, and
 * an odd one could leave the owner unable to write). Where the file system has no POSIX
 * permissions (a Windows share), they are created as it allows.
 */
final class PrivateFiles {
  static final Set<PosixFilePermission> FILE = EnumSet.of(PosixFilePermission.OWNER_READ,
      PosixFilePermission.OWNER_WRITE);
  static final Set<PosixFilePermission> FOLDER = EnumSet.of(PosixFilePermission.OWNER_READ,
      PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

  private PrivateFiles() {}

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /**
   * Creates the folder and any missing parents, each private; a folder that exists is left as
   * its owner set it.
   */
  static void createDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null && !Files.exists(parent)) {
      createDirectories(parent);
    }
    if (!posix()) {
      Files.createDirectories(dir);
      return;
    }
    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(FOLDER));
    Files.setPosixFilePermissions(dir, FOLDER);
  }

  /** A new file, private before a byte is written; fails if the name is taken. */
  static OutputStream newOutputStream(Path file) throws IOException {
    if (posix()) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
      Files.setPosixFilePermissions(file, FILE);
      return Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }
    return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  /** A lock file, private when created here. */
  static FileChannel openForLock(Path file) throws IOException {
    FileAttribute<?>[] attrs = posix()
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    return FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), attrs);
  }
}
