package org.wbaudit.access;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.wbaudit.sd.MalformedDescriptorException;
import org.wbaudit.sd.SecurityDescriptor;
import org.wbaudit.sd.Sid;

/**
 * Decides the per-user writeback rights of one token for many users, remembering the answer per
 * distinct descriptor.
 *
 * <p>AD keeps one copy of each distinct descriptor (single-instance store), so most users of a
 * domain share a few hundred. The answer depends only on the descriptor bytes, the object's
 * structural class and whether the object is the principal itself (PRINCIPAL SELF), so that
 * triple is the key; a user whose descriptor was seen before costs a hash lookup.
 *
 * <p>Not thread-safe: each audit worker keeps its own.
 */
public final class UserRightsEvaluator {
  private final Token token;
  private final Map<Key, UserRights> cache;
  /** Requests per structural class; building them per user would cost as much as deciding. */
  private final Map<UUID, AccessRequest[]> requests = new HashMap<>();
  private long misses;

  /**
   * @param token the audited principal's token; never null
   * @param capacity how many distinct (descriptor, class, self) answers to keep; least recently
   *     used go first
   */
  public UserRightsEvaluator(Token token, int capacity) {
    this.token = Objects.requireNonNull(token, "token");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.cache =
        new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, UserRights> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * @param descriptor the binary nTSecurityDescriptor; not retained beyond the cache key
   * @param objectClass schemaIDGUID of the user's structural class; may be null
   * @param objectSid the user's objectSid; may be null
   */
  public UserRights evaluate(byte[] descriptor, UUID objectClass, Sid objectSid)
      throws MalformedDescriptorException {
    boolean self = objectSid != null && objectSid.equals(token.user());
    Key key = new Key(descriptor, objectClass, self);
    UserRights known = cache.get(key);
    if (known != null) {
      return known;
    }
    misses++;
    SecurityDescriptor sd = SecurityDescriptor.parse(descriptor);
    UserRights rights = decide(sd, objectClass, objectSid);
    cache.put(new Key(descriptor.clone(), objectClass, self), rights);
    return rights;
  }

  /** The rights of {@link WritebackRight#EVALUATED} on a parsed descriptor, without the cache. */
  public UserRights decide(SecurityDescriptor sd, UUID objectClass, Sid objectSid) {
    AccessRequest[] asked = requests.computeIfAbsent(objectClass, c -> {
      AccessRequest[] r = new AccessRequest[WritebackRight.EVALUATED.size()];
      for (int i = 0; i < r.length; i++) {
        r[i] = WritebackRight.EVALUATED.get(i).request(c);
      }
      return r;
    });
    Decision[] answers = AccessCheck.evaluateAll(sd, token, objectSid, asked);
    Map<WritebackRight, Decision> decisions = new EnumMap<>(WritebackRight.class);
    for (int i = 0; i < asked.length; i++) {
      decisions.put(WritebackRight.EVALUATED.get(i), answers[i]);
    }
    return new UserRights(sd, decisions);
  }

  public Token token() {
    return token;
  }

  /** How many distinct (descriptor, class, self) answers were computed: the rest came from the cache. */
  public long cacheMisses() {
    return misses;
  }

  private static final class Key {
    private final byte[] bytes;
    private final UUID objectClass;
    private final boolean self;
    private final int hash;

    Key(byte[] bytes, UUID objectClass, boolean self) {
      this.bytes = bytes;
      this.objectClass = objectClass;
      this.self = self;
      // CRC32C runs on a hardware instruction: hashing a 2 KB descriptor costs far less than
      // Arrays.hashCode, and a cache hit must cost almost nothing.
      CRC32C crc = new CRC32C();
      crc.update(bytes);
      this.hash = ((int) crc.getValue() * 31 + Objects.hashCode(objectClass)) * 2 + (self ? 1 : 0);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && k.hash == hash
          && k.self == self
          && Objects.equals(k.objectClass, objectClass)
          && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
