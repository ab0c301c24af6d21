package org.wbaudit.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;

/**
 * Where the users a run read are kept for the next run to read only what changed (the history
 * folder, in practice). One state per forest, under a key; a state is offered back only when
 * the run that wrote it completed and its report is the latest complete run kept.
 */
public interface UserStates {
  /**
   * What a state says of its read, checked before its users are trusted.
   *
   * @param readKey what decides what was read (tool version, attributes, bases, bound account)
   * @param dc the DC's database ({@code DirectoryChanges.identity()}): USNs are its own
   * @param usn the DC's highestCommittedUSN before the users were read: changes above it are
   *     what the next run reads
   * @param readAt when the read started
   * @param fullAt when the last full read this state descends from started
   */
  record Header(String readKey, String dc, long usn, Instant readAt, Instant fullAt) {}

  /** The last complete run's state under {@code key}: usable, or why not. */
  sealed interface Prior permits Usable, None {}

  /**
   * @param users the users, as {@code ObjectSnapshot} wrote them; the caller closes it
   */
  record Usable(Header header, InputStream users) implements Prior {}

  /** @param why one sentence: why there is no state to start from */
  record None(String why) implements Prior {}

  Prior prior(String key);

  /**
   * Starts this run's state under {@code key}: the users are written to the stream returned,
   * which the caller closes; the state counts only once {@link Pending#finish} is called and
   * the run's report is kept.
   */
  Pending begin(String key, Header header) throws IOException;

  /** A state being written. */
  interface Pending {
    OutputStream users();

    /**
     * The users are all written: keep them if the run's report is kept.
     *
     * @param users how many were written, for the next run to check the file against
     */
    void finish(long users) throws IOException;

    /**
     * The run did not complete, or the users could not be written: forget them.
     *
     * @param why one sentence, for the run to say
     */
    void abandon(String why);
  }
}
