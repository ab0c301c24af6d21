package org.wbaudit.sd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our reading of every distinct descriptor of a real Samba AD domain (every object's
 * nTSecurityDescriptor, and the schema's defaultSecurityDescriptor values) against Samba's own
 * reading of the same bytes. Samba wrote its reading as SDDL; we read that SDDL with our reader
 * and require the same descriptor as our binary parser produced.
 */
class SambaCrossCheckTest {
  static final SambaDescriptors DATA = SambaDescriptors.load();

  static Stream<SambaDescriptors.Row> rows() {
    return DATA.rows().stream();
  }

  @Test
  void theDataCoversObjectsAndSchemaDefaults() {
    assertTrue(DATA.rows().stream().filter(r -> r.source().equals("object")).count() > 30);
    assertTrue(DATA.rows().stream().filter(r -> r.source().equals("defaultSecurityDescriptor")).count() > 30);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void readsEachDescriptorAsSambaDoes(SambaDescriptors.Row row) throws Exception {
    SecurityDescriptor ours = SecurityDescriptor.parse(Base64.getDecoder().decode(row.base64()));
    SecurityDescriptor samba = Sddl.parse(row.sddl(), DATA.domain());
    assertSame(samba, ours, row.dn());
    // And our own SDDL of it reads back to the same descriptor.
    SecurityDescriptor again = Sddl.parse(Sddl.format(ours, DATA.domain()), DATA.domain());
    assertSame(again, ours, row.dn() + " via our SDDL");
  }

  static void assertSame(SecurityDescriptor expected, SecurityDescriptor actual, String where) {
    assertEquals(List.of(), SambaDescriptors.differences(expected, actual), where);
  }
}
