package org.wbaudit.sd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
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

  /** Control bits SDDL can carry; the defaulted bits and the like have no SDDL form. */
  static final int SDDL_CONTROL = SecurityDescriptor.DACL_PRESENT | SecurityDescriptor.SACL_PRESENT
      | SecurityDescriptor.DACL_PROTECTED | SecurityDescriptor.SACL_PROTECTED
      | SecurityDescriptor.DACL_AUTO_INHERITED | SecurityDescriptor.SACL_AUTO_INHERITED
      | SecurityDescriptor.DACL_AUTO_INHERIT_REQ | SecurityDescriptor.SACL_AUTO_INHERIT_REQ;

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
    assertEquals(expected.control() & SDDL_CONTROL, actual.control() & SDDL_CONTROL, where + ": control");
    assertEquals(expected.owner(), actual.owner(), where + ": owner");
    assertEquals(expected.group(), actual.group(), where + ": group");
    assertEquals(aces(expected.dacl()), aces(actual.dacl()), where + ": DACL");
    assertEquals(aces(expected.sacl()), aces(actual.sacl()), where + ": SACL");
  }

  static Object aces(Acl acl) {
    return acl == null ? null : acl.aces();
  }
}
