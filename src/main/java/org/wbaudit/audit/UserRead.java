package org.wbaudit.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.wbaudit.directory.DirectoryChanges;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.directory.DirectoryObject;
import org.wbaudit.directory.DistinguishedNames;
import org.wbaudit.directory.ObjectSnapshot;
import org.wbaudit.directory.PasswordPolicies;
import org.wbaudit.directory.UserSource;

/**
 * How a run gets its users: all of them from the DC (a full read), or, with the users the last
 * complete run kept, only what changed since on the same DC, the rest from that state. Either
 * way every user reaches the audit as a {@link DirectoryObject}, so verdicts, findings and
 * counts are decided afresh from the same inputs a full read gives: only reading is saved.
 *
 * <p>What a change reaches, and so is read again: a user whose uSNChanged moved (its own
 * attributes, descriptor, DN when moved, lockout); every user below a container whose
 * uSNChanged moved (inherited ACEs and DNs change without the users' USN: Samba rewrites
 * inherited ACEs in place, and a rename moves every DN below); users a deletion removes (the
 * show-deleted control); users whose constructed or linked values may differ without a change
 * of their own: memberOf when a group changed (its members now, and those whose kept memberOf
 * named it), msDS-ResultantPSO when a group changed (members of the groups a PSO applies to, and
 * users a PSO governed), the computed lockout of users locked out last time (a lockout ends with
 * time). A password settings object changed, the domain object changed, another DC, a restored
 * database, another way of reading, or the last full read older than {@code --full-every}: a
 * full read, and the report says which.
 */
final class UserRead {
  /** Members expanded from the groups PSOs apply to, beyond which a full read is cheaper. */
  static final int MAX_PSO_MEMBERS = 50_000;

  private final UserSource users;
  private final int pageSize;
  private final List<String> extra;
  private final List<String> bases;
  private final UserStates states;
  private final String key;
  private final UserStates.Header header;
  private final String mode;
  private final String reason;
  private final UserStates.Usable prior;
  private final Plan plan;

  /** What an incremental read must read again, decided before any user is read. */
  private record Plan(List<String> containers, List<String> outside, Set<UUID> removed,
      boolean psoGroupsChanged, List<String> byDn, Set<String> changedGroups,
      List<DirectoryChanges.ChangedUser> changedUsers) {}

  /** Changed objects beyond which reading every user costs less. */
  static final int MAX_CHANGED = 200_000;
  /** Changed users read one by one up to this many; beyond, in one search of the domain. */
  static final int READ_ONE_BY_ONE = 2_000;

  /** A back-link: a user's memberOf changes when a group's member does, its USN does not. */
  static final String MEMBER_OF = "memberOf";

  private UserRead(UserSource users, int pageSize, List<String> extra,
      List<String> bases, UserStates states, String key, UserStates.Header header, String mode,
      String reason, UserStates.Usable prior, Plan plan) {
    this.users = users;
    this.pageSize = pageSize;
    this.extra = extra;
    this.bases = bases;
    this.states = states;
    this.key = key;
    this.header = header;
    this.mode = mode;
    this.reason = reason;
    this.prior = prior;
    this.plan = plan;
  }

  /** A full read with no state kept: no history, or no --incremental. */
  static UserRead full(UserSource users, int pageSize, List<String> extra, List<String> bases) {
    return new UserRead(users, pageSize, extra, bases, null, null, null, null, null, null, null);
  }

  /**
   * Decides how this run reads its users, reading from the DC what changed above the prior
   * state's USN. Never fails for want of a state: it reads fully and says why.
   *
   * @param usn the DC's highestCommittedUSN before the audit started
   * @param psos the password settings objects as the bound account reads them; null when it
   *     cannot (whatever the audited account may read)
   */
  static UserRead plan(UserStates states, String key, String readKey, UserSource users,
      DirectoryChanges changes, int pageSize, List<String> extra, List<String> bases,
      String domainDn, List<PasswordPolicies.Pso> psos, long usn, Instant started, Duration fullEvery)
      throws DirectoryException {
    String dc = changes.identity();
    UserStates.Prior p = states.prior(key);
    String why = null;
    UserStates.Usable prior = null;
    if (dc == null) {
      why = "the DC's invocation id cannot be read, so its USNs cannot be trusted across runs";
    } else if (p instanceof UserStates.None none) {
      why = none.why();
    } else {
      prior = (UserStates.Usable) p;
      UserStates.Header h = prior.header();
      if (!h.readKey().equals(readKey)) {
        why = "the last run read users differently (another wbaudit version, bound account, search"
            + " bases or attributes)";
      } else if (!h.dc().equals(dc)) {
        why = h.dc().split(" ")[0].equalsIgnoreCase(dc.split(" ")[0])
            ? "the DC's database is not the one the last run read (restored: a new invocation id)"
            : "the last run read another DC (" + h.dc().split(" ")[0] + ")";
      } else if (h.usn() > usn) {
        why = "the DC's highestCommittedUSN (" + usn + ") is below the last run's (" + h.usn()
            + "): its database was rolled back";
      } else if (h.fullAt().isAfter(started) || h.readAt().isAfter(started)) {
        why = "the last run is dated after this one (a clock ahead then, or behind now)";
      } else if (Duration.between(h.fullAt(), started).compareTo(fullEvery) > 0) {
        why = "the last full read started " + h.fullAt() + ", more than --full-every ("
            + fullEvery.toDays() + " days) ago";
      }
    }
    Plan plan = null;
    if (why == null) {
      long since = prior.header().usn();
      DirectoryChanges.Changes changed = psos == null ? null : changes.since(since, MAX_CHANGED);
      List<DirectoryChanges.Deleted> deleted = changed == null ? null : changed.deleted();
      List<String> containers = changed == null ? null : changed.containers();
      if (psos == null) {
        why = "the bound account cannot read the password settings objects, so a change to them"
            + " (which changes users' msDS-ResultantPSO, not the users) cannot be seen";
      } else if (changed == null) {
        why = "deleted users cannot be seen by the bound account (the Deleted Objects container,"
            + " show-deleted control), or more than " + MAX_CHANGED + " objects changed";
      } else if (!changed.passwordSettings().isEmpty()
          || deleted.stream().anyMatch(DirectoryChanges.Deleted::passwordSettings)) {
        why = "a password settings object changed";
      } else if (containers.stream().anyMatch(c -> DistinguishedNames.same(c, domainDn))) {
        why = "the domain object changed";
      } else if (reads(extra, MEMBER_OF) && deleted.stream().anyMatch(DirectoryChanges.Deleted::group)) {
        why = "a group was deleted: its members' memberOf changed, and a deleted group's name is gone";
      } else {
        plan = plan(changes, changed, bases, psos, reads(extra, MEMBER_OF));
        if (plan == null) {
          why = "the groups that changed, or those password settings apply to, hold more than "
            + MAX_PSO_MEMBERS + " members: reading every user costs less";
        }
      }
    }
    if (why != null) {
      closeQuietly(prior);
      UserStates.Header h = new UserStates.Header(readKey, dc == null ? "" : dc, usn, started, started);
      return new UserRead(users, pageSize, extra, bases, dc == null ? null : states, key, h,
          "full", why, null, null);
    }
    UserStates.Header h = new UserStates.Header(readKey, dc, usn, started, prior.header().fullAt());
    return new UserRead(users, pageSize, extra, bases, states, key, h, "incremental",
        "what changed on this DC above USN " + prior.header().usn() + ", read at "
            + prior.header().readAt(), prior, plan);
  }

  private static Plan plan(DirectoryChanges changes, DirectoryChanges.Changes since, List<String> bases,
      List<PasswordPolicies.Pso> psos, boolean memberOf) throws DirectoryException {
    List<String> changed = since.containers();
    List<DirectoryChanges.Deleted> deleted = since.deleted();
    // The topmost changed containers: one subtree read covers those below.
    List<String> top = new ArrayList<>();
    for (String c : changed) {
      if (changed.stream().noneMatch(o -> o != c && !DistinguishedNames.same(o, c)
          && DistinguishedNames.isAtOrBelow(c, o))) {
        top.add(c);
      }
    }
    List<String> inside = new ArrayList<>();
    List<String> outside = new ArrayList<>();
    for (String c : top) {
      if (bases.isEmpty() || bases.stream().anyMatch(b -> DistinguishedNames.isAtOrBelow(c, b))) {
        inside.add(c);
        continue;
      }
      // A base below a changed container is read whole; a container outside every base may
      // have been moved out of one, taking its users with it: its users are read to drop them.
      bases.stream().filter(b -> DistinguishedNames.isAtOrBelow(b, c)).forEach(inside::add);
      outside.add(c);
    }
    Set<UUID> removed = new HashSet<>();
    deleted.forEach(d -> removed.add(d.guid()));
    List<String> groups = since.groups();
    boolean groupsChanged = !psos.isEmpty() && (!groups.isEmpty() || !deleted.isEmpty());
    List<String> members = new ArrayList<>();
    Set<String> changedGroups = new HashSet<>();
    if (memberOf) {
      // Members now are read again; members before are found by their kept memberOf.
      for (String g : groups) {
        changedGroups.add(g.toLowerCase(Locale.ROOT));
        members.addAll(changes.members(g));
      }
    }
    if (groupsChanged) {
      Set<String> seen = new HashSet<>();
      Deque<String> todo = new ArrayDeque<>();
      psos.forEach(p -> todo.addAll(p.appliesTo()));
      while (!todo.isEmpty()) {
        String dn = todo.poll();
        if (!seen.add(dn.toLowerCase(Locale.ROOT))) {
          continue;
        }
        if (seen.size() > MAX_PSO_MEMBERS) {
          return null;
        }
        List<String> direct = changes.members(dn);
        members.add(dn); // a user named directly, or a group (read as a user, it is none)
        todo.addAll(direct);
      }
    }
    if (members.size() > MAX_PSO_MEMBERS) {
      return null;
    }
    return new Plan(List.copyOf(new LinkedHashSet<>(inside)), outside, removed, groupsChanged, members,
        changedGroups, since.users());
  }

  private static boolean reads(List<String> attributes, String name) {
    return attributes.stream().anyMatch(name::equalsIgnoreCase);
  }

  /** "full" or "incremental". */
  String mode() {
    return mode;
  }

  /** Why a full read (or, incremental, since when); null when no state is kept at all. */
  String reason() {
    return reason;
  }

  /** For the report: mode and reason; empty when no state is kept. */
  java.util.Map<String, Object> describe() {
    java.util.Map<String, Object> d = new java.util.LinkedHashMap<>();
    if (mode != null) {
      d.put("mode", mode);
      d.put("reason", reason);
    }
    return d;
  }

  /**
   * Streams every user to {@code handler} once, writing this run's state as it goes when one is
   * kept; {@link #finish} or {@link #abandon} it after.
   *
   * @return how many users
   */
  long read(Consumer<DirectoryObject> handler) throws DirectoryException {
    if (states == null) {
      return users.users(pageSize, extra, bases, handler);
    }
    // Keeping the users is for the next run's sake: when it fails, this run goes on, and its
    // state is dropped with the reason.
    try {
      pending = states.begin(key, header);
      writer = new ObjectSnapshot.Writer(pending.users());
    } catch (IOException e) {
      abandon("cannot be written: " + e.getMessage());
    }
    Consumer<DirectoryObject> keep = o -> {
      if (writer != null) {
        try {
          writer.write(o);
        } catch (IOException e) {
          abandon("cannot be written: " + e.getMessage());
        }
      }
      handler.accept(o);
    };
    if (prior == null) {
      return users.users(pageSize, extra, bases, keep);
    }
    return incremental(keep);
  }

  private UserStates.Pending pending;
  private ObjectSnapshot.Writer writer;

  private long incremental(Consumer<DirectoryObject> emit) throws DirectoryException {
    Set<UUID> emitted = new HashSet<>();
    Set<UUID> removed = new HashSet<>(plan.removed());
    long[] n = {0};
    Consumer<DirectoryObject> fresh = o -> {
      if (o.objectGuid() == null || emitted.add(o.objectGuid())) {
        n[0]++;
        emit.accept(o);
      }
    };
    for (String c : plan.outside()) {
      users.under(c, pageSize, extra, o -> {
        if (o.objectGuid() != null && !inBases(o.dn())) {
          removed.add(o.objectGuid());
        }
      });
    }
    for (String c : plan.containers()) {
      users.under(c, pageSize, extra, fresh);
    }
    Consumer<DirectoryObject> changedUser = o -> {
      if (inBases(o.dn())) {
        fresh.accept(o);
      } else if (o.objectGuid() != null) {
        removed.add(o.objectGuid());
      }
    };
    if (plan.changedUsers().size() > READ_ONE_BY_ONE) {
      users.changedSince(prior.header().usn(), pageSize, extra, changedUser);
    } else {
      // A few: each read by its DN (a base search), which costs the DC nothing of the domain.
      for (DirectoryChanges.ChangedUser u : plan.changedUsers()) {
        if (u.guid() != null && emitted.contains(u.guid())) {
          continue; // read with its container already
        }
        if (!inBases(u.dn())) {
          if (u.guid() != null) {
            removed.add(u.guid());
          }
          continue;
        }
        DirectoryObject o = users.user(u.dn(), extra);
        if (o != null) {
          changedUser.accept(o);
        }
      }
    }
    for (String dn : plan.byDn()) {
      DirectoryObject o = users.user(dn, extra);
      if (o != null && inBases(o.dn())) {
        fresh.accept(o);
      }
    }
    try (InputStream in = prior.users(); ObjectSnapshot.Reader cached = new ObjectSnapshot.Reader(in)) {
      for (DirectoryObject c = cached.next(); c != null; c = cached.next()) {
        if (c.objectGuid() != null && (emitted.contains(c.objectGuid()) || removed.contains(c.objectGuid()))) {
          continue;
        }
        if (c.objectGuid() == null || c.lockedOut()
            || plan.psoGroupsChanged() && c.otherValues().containsKey(PasswordPolicyResolver.RESULTANT)
            || memberOfChanged(c)) {
          DirectoryObject o = users.user(c.dn(), extra);
          if (o != null && inBases(o.dn())) {
            fresh.accept(o);
          }
          continue;
        }
        n[0]++;
        emit.accept(c);
      }
    } catch (IOException e) {
      throw new DirectoryException(DirectoryException.Kind.READ, "the last run's kept users cannot be read: " + e.getMessage(), null, e);
    }
    return n[0];
  }

  /** Whether a kept user was a member of a group that changed since. */
  private boolean memberOfChanged(DirectoryObject c) {
    if (plan.changedGroups().isEmpty()) {
      return false;
    }
    for (java.util.Map.Entry<String, List<byte[]>> e : c.otherValues().entrySet()) {
      if (e.getKey().equalsIgnoreCase(MEMBER_OF)) {
        for (byte[] v : e.getValue()) {
          String dn = new String(v, java.nio.charset.StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
          if (plan.changedGroups().contains(dn)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private boolean inBases(String dn) {
    return bases.isEmpty() || bases.stream().anyMatch(b -> DistinguishedNames.isAtOrBelow(dn, b));
  }

  /** The users were all read: the state is kept if the run's report is. */
  void finish() {
    if (pending == null) {
      return;
    }
    try {
      long written = writer.count();
      writer.close();
      writer = null;
      pending.finish(written);
    } catch (IOException e) {
      abandon("cannot be written: " + e.getMessage());
    }
  }

  /** The run did not complete, or its state could not be written: the state is dropped. */
  void abandon(String why) {
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException e) {
        // dropped below anyway
      }
      writer = null;
    }
    if (pending != null) {
      pending.abandon(why);
      pending = null;
    }
  }

  private static void closeQuietly(UserStates.Usable prior) {
    if (prior != null) {
      try {
        prior.users().close();
      } catch (IOException e) {
        // only read from; nothing lost
      }
    }
  }
}
