package org.wbaudit.bench;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.wbaudit.access.Token;
import org.wbaudit.access.UserRights;
import org.wbaudit.access.UserRightsEvaluator;
import org.wbaudit.access.WritebackRight;
import org.wbaudit.sd.MalformedDescriptorException;
import org.wbaudit.sd.SambaDescriptors;
import org.wbaudit.sd.SecurityDescriptor;
import org.wbaudit.sd.Sid;

/**
 * Parse + access check on a real user descriptor from a Samba DC (47 ACEs, owner, group and DACL
 * as the sync account reads them), and the per-descriptor cache. Run with scripts/bench.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AccessCheckBenchmark {
  /** The whole real DACL (47 ACEs), or its first 30, the size of a typical user's. */
  @org.openjdk.jmh.annotations.Param({"47", "30"})
  int aces;

  byte[] userDescriptor;
  SecurityDescriptor parsed;
  Token token;
  Sid userSid;
  UserRightsEvaluator uncachedEvaluator;
  UserRightsEvaluator cachedEvaluator;
  /** 300 distinct descriptors, as a domain's single-instance store might hold. */
  List<byte[]> distinct;
  int next;

  @Setup
  public void setUp() throws Exception {
    SambaDescriptors data = SambaDescriptors.load();
    SambaDescriptors.Row alice = data.rows().stream()
        .filter(r -> r.dn().startsWith("CN=alice,")).findFirst().orElseThrow();
    SecurityDescriptor full = SecurityDescriptor.parse(Base64.getDecoder().decode(alice.base64()));
    // What a non-admin sync account reads with the SD flags control: no SACL.
    parsed = new SecurityDescriptor(full.control() & ~SecurityDescriptor.SACL_PRESENT, 0,
        full.owner(), full.group(), null,
        org.wbaudit.sd.Acl.of(full.dacl().aces().subList(0, Math.min(aces, full.dacl().size()))));
    userDescriptor = parsed.toBytes();
    Sid sync = data.domain().withRid(1103);
    token = Token.networkLogon(sync, Set.of(data.domain().withRid(513)));
    userSid = data.domain().withRid(1104);
    uncachedEvaluator = new UserRightsEvaluator(token, 1);
    cachedEvaluator = new UserRightsEvaluator(token, 10_000);
    distinct = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      // Same shape, distinct bytes: vary the RID of an extra trailing trustee.
      SecurityDescriptor variant = new SecurityDescriptor(parsed.control(), 0, parsed.owner(),
          parsed.group(), null, withExtraAce(parsed, data.domain().withRid(5000 + i)));
      distinct.add(variant.toBytes());
    }
    if (!uncachedEvaluator.decide(parsed, WritebackRight.Guid.USER_CLASS, userSid)
        .get(WritebackRight.RESET_PASSWORD).isGranted()) {
      throw new IllegalStateException("benchmark descriptor should grant reset to the sync account");
    }
  }

  static org.wbaudit.sd.Acl withExtraAce(SecurityDescriptor sd, Sid trustee) {
    List<org.wbaudit.sd.Ace> aces = new ArrayList<>(sd.dacl().aces());
    aces.add(new org.wbaudit.sd.AccessAce(org.wbaudit.sd.AceType.ACCESS_ALLOWED, 0, 0x10, trustee));
    return org.wbaudit.sd.Acl.of(aces);
  }

  /** Parsing alone. */
  @Benchmark
  public SecurityDescriptor parse() throws MalformedDescriptorException {
    return SecurityDescriptor.parse(userDescriptor);
  }

  /** Parse, then decide the four per-user writeback rights: the work for a new descriptor. */
  @Benchmark
  public UserRights parseAndCheckFourRights() throws MalformedDescriptorException {
    return uncachedEvaluator.decide(SecurityDescriptor.parse(userDescriptor),
        WritebackRight.Guid.USER_CLASS, userSid);
  }

  /** Parse, then Reset Password only. */
  @Benchmark
  public Object parseAndCheckReset() throws MalformedDescriptorException {
    return org.wbaudit.access.AccessCheck.evaluate(SecurityDescriptor.parse(userDescriptor), token,
        userSid, WritebackRight.RESET_PASSWORD.request(WritebackRight.Guid.USER_CLASS));
  }

  /** A user whose descriptor was seen before: the cache answers. */
  @Benchmark
  public UserRights cachedSameDescriptor() throws MalformedDescriptorException {
    return cachedEvaluator.evaluate(userDescriptor, WritebackRight.Guid.USER_CLASS, userSid);
  }

  /** Users cycling through 300 distinct descriptors, all cached after the first round. */
  @Benchmark
  public UserRights cachedThreeHundredDescriptors() throws MalformedDescriptorException {
    byte[] d = distinct.get(next);
    next = next == distinct.size() - 1 ? 0 : next + 1;
    return cachedEvaluator.evaluate(d, WritebackRight.Guid.USER_CLASS, userSid);
  }
}
