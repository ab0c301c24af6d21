package org.wbaudit.cli;

import java.nio.file.Path;
import org.wbaudit.syncconfig.CloudSyncSchema;
import org.wbaudit.syncconfig.EntraConnectExport;
import org.wbaudit.syncconfig.SyncConfigException;
import org.wbaudit.syncconfig.SyncEngine;
import picocli.CommandLine.Option;

/**
 * Where a sync engine's own configuration is read from, for the commands that audit on its
 * behalf: Entra Connect Sync's export, or Cloud Sync's job schema. Read whole before anything
 * connects; a configuration that cannot be read is a usage error naming the file and element.
 */
final class SyncConfigOptions {
  @Option(names = "--sync-config", paramLabel = "DIR",
      description = "Read the sync scope and the connector account from Entra Connect Sync's"
          + " configuration, as Get-ADSyncServerConfiguration -Path DIR exported it. Excludes"
          + " --principal and the --scope-* options.")
  Path syncConfig;

  @Option(names = "--cloud-sync-schema", paramLabel = "FILE",
      description = "Read the sync scope from Entra Cloud Sync's job schema (the JSON of GET"
          + " /servicePrincipals/{id}/synchronization/jobs/{jobId}/schema). Excludes the --scope-* options.")
  Path cloudSyncSchema;

  boolean given() {
    return syncConfig != null || cloudSyncSchema != null;
  }

  /** The option given, for messages. */
  String name() {
    return syncConfig != null ? "--sync-config" : "--cloud-sync-schema";
  }

  /** The configuration, or null when neither option was given. */
  SyncEngine read() {
    if (syncConfig != null && cloudSyncSchema != null) {
      throw new UserError(ExitCode.USAGE, "--sync-config and --cloud-sync-schema exclude each other:"
          + " a forest is synchronized by one engine");
    }
    return read(syncConfig, cloudSyncSchema);
  }

  /** Reads one of the two; null when both are null. */
  static SyncEngine read(Path entraConnect, Path cloudSync) {
    try {
      if (entraConnect != null) {
        return EntraConnectExport.read(entraConnect);
      }
      return cloudSync == null ? null : CloudSyncSchema.read(cloudSync);
    } catch (SyncConfigException e) {
      throw new UserError(ExitCode.USAGE, e.getMessage());
    }
  }
}
