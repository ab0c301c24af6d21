package org.wbaudit.access;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.wbaudit.Samples;
import org.wbaudit.sd.Sddl;
import org.wbaudit.sd.SecurityDescriptor;
import org.wbaudit.sd.Sid;

/**
 * Descriptors dumped from real Windows DCs, with what their sources state they grant (SharpHound's
 * tests, the GOAD lab's configuration, dsacls on nine Windows builds): read at test time from
 * {@code ../shared/samples/windows-descriptors/}, never copied here. Every descriptor parses, and
 * the access check agrees with every stated expectation that maps onto Reset Password, Change
 * Password or a write of lockoutTime or pwdLastSet (and onto a protected DACL), the mapping being
 * the one the samples' README gives: GenericAll is every right; AllExtendedRights and
 * object-wide CONTROL ACCESS are both extended rights; ForceChangePassword is Reset Password;
 * GenericWrite and object-wide WRITE PROPERTY are both writes.
 */
class WindowsDescriptorsTest {
  static final Pattern DOMAIN_SID = Pattern.compile("S-1-5-21-\\d+-\\d+-\\d+");
  /** For SDDL that names domain groups (DA, DU) without a domain: the schema's templates. */
  static final Sid PLACEHOLDER_DOMAIN = Sid.parse("S-1-5-21-1-2-3");
  static final Map<String, UUID> CLASSES = Map.of(
      "user", WritebackRight.Guid.USER_CLASS,
      "inetOrgPerson", WritebackRight.Guid.INET_ORG_PERSON_CLASS,
      "group", UUID.fromString("bf967a9c-0de6-11d0-a285-00aa003049e2"),
      "computer", UUID.fromString("bf967a86-0de6-11d0-a285-00aa003049e2"),
      "container", UUID.fromString("bf967a8b-0de6-11d0-a285-00aa003049e2"),
      "domainDNS", WritebackRight.Guid.DOMAIN_DNS_CLASS);
  static final Sid SELF = Sid.parse("S-1-5-10");

  /** What a source's right means for the four writeback rights, when granted. */
  static final Map<String, List<WritebackRight>> WHEN_GRANTED = Map.of(
      "ForceChangePassword", List.of(WritebackRight.RESET_PASSWORD),
      "ResetPassword", List.of(WritebackRight.RESET_PASSWORD),
      "ExtendedRight:Change Password", List.of(WritebackRight.CHANGE_PASSWORD),
      "AllExtendedRights", List.of(WritebackRight.RESET_PASSWORD, WritebackRight.CHANGE_PASSWORD),
      "ControlAccess (all extended rights)", List.of(WritebackRight.RESET_PASSWORD, WritebackRight.CHANGE_PASSWORD),
      "GenericAll", WritebackRight.PER_USER,
      "GenericWrite", List.of(WritebackRight.WRITE_LOCKOUT_TIME, WritebackRight.WRITE_PWD_LAST_SET),
      "WriteProperty (all properties)", List.of(WritebackRight.WRITE_LOCKOUT_TIME, WritebackRight.WRITE_PWD_LAST_SET),
      "WriteProperty", List.of(WritebackRight.WRITE_LOCKOUT_TIME, WritebackRight.WRITE_PWD_LAST_SET));

  /**
   * What a source's right means when it says it is not granted: only a right that is exactly one
   * of ours (all extended rights refused says nothing of Reset Password alone).
   */
  static final Map<String, List<WritebackRight>> WHEN_REFUSED = Map.of(
      "ForceChangePassword", List.of(WritebackRight.RESET_PASSWORD),
      "ResetPassword", List.of(WritebackRight.RESET_PASSWORD),
      "ExtendedRight:Change Password", List.of(WritebackRight.CHANGE_PASSWORD));

  static JsonNode corpus() throws Exception {
    Path p = Samples.require("windows-descriptors/corpus.json");
    return new ObjectMapper().readTree(p.toFile());
  }

  static Sid domainOf(JsonNode e) {
    String text = e.path("domain_sid").asText(e.path("domain").asText(""));
    Matcher m = DOMAIN_SID.matcher(text);
    return m.find() ? Sid.parse(m.group()) : PLACEHOLDER_DOMAIN;
  }

  static SecurityDescriptor descriptor(JsonNode e) throws Exception {
    if (e.hasNonNull("sd_base64")) {
      return SecurityDescriptor.parse(Base64.getDecoder().decode(e.get("sd_base64").asText()));
    }
    return Sddl.parse(e.get("sddl").asText(), domainOf(e));
  }

  static UUID classOf(JsonNode e) {
    String c = e.path("objectClass").asText();
    if (c.startsWith("classSchema:")) {
      c = c.substring("classSchema:".length()).split(" ")[0];
    } else if (c.startsWith("container (CN=AdminSDHolder")) {
      c = "user"; // SDProp copies AdminSDHolder's DACL onto protected users: judge it there
    } else {
      c = c.split(" ")[0];
    }
    return CLASSES.get(c);
  }

  @Test
  void everyDescriptorParsesInEachFormItWasPublishedIn() throws Exception {
    List<String> failures = new ArrayList<>();
    int parsed = 0;
    for (JsonNode e : corpus()) {
      for (String field : List.of("sd_base64", "sddl", "sd_alt_hex_dotnet")) {
        if (!e.hasNonNull(field)) {
          continue;
        }
        try {
          String v = e.get(field).asText();
          if (field.equals("sddl")) {
            Sddl.parse(v, domainOf(e));
          } else {
            SecurityDescriptor.parse(field.equals("sd_base64") ? Base64.getDecoder().decode(v)
                : java.util.HexFormat.of().parseHex(v.replaceAll("[^0-9A-Fa-f]", "")));
          }
          parsed++;
        } catch (Exception x) {
          failures.add(e.get("id").asText() + " " + field + ": " + x.getMessage());
        }
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
    assertTrue(parsed >= 86, "every entry has at least one form: " + parsed);
  }

  @Test
  void theAccessCheckGrantsWhatWindowsSaysForTheWritebackRights() throws Exception {
    List<String> disagreements = new ArrayList<>();
    int checked = 0;
    Set<String> entries = new java.util.TreeSet<>();
    for (JsonNode e : corpus()) {
      UUID cls = classOf(e);
      if (cls == null || !e.path("objectClass").asText().matches("^(user|group|container|domainDNS|classSchema).*")) {
        continue; // msDS-GroupMSAMembership is not an object's descriptor
      }
      SecurityDescriptor sd = descriptor(e);
      Sid objectSid = e.hasNonNull("objectSid") ? Sid.parse(e.get("objectSid").asText()) : Sid.parse("S-1-5-21-9-9-9-4242");
      for (JsonNode x : e.get("expectations")) {
        String right = x.get("right").asText();
        boolean granted = x.get("granted").asBoolean();
        if (x.get("sid").isNull()) {
          if (right.equals("SE_DACL_PROTECTED")) {
            checked++;
            entries.add(e.get("id").asText());
            if (sd.isDaclProtected() != granted) {
              disagreements.add(e.get("id").asText() + ": DACL protected " + sd.isDaclProtected() + ", the source says " + granted);
            }
          }
          continue;
        }
        List<WritebackRight> ours = (granted ? WHEN_GRANTED : WHEN_REFUSED).get(right);
        if (ours == null) {
          continue;
        }
        Sid sid = Sid.parse(x.get("sid").asText());
        // The trustee alone, as the sources read an ACE; PRINCIPAL SELF is the object itself.
        Sid user = sid.equals(SELF) ? objectSid : sid;
        Token token = new Token(user, Set.of());
        for (WritebackRight r : ours) {
          Decision d = AccessCheck.evaluate(sd, token, sid.equals(SELF) ? objectSid : null, r.request(cls));
          checked++;
          entries.add(e.get("id").asText());
          if (d.isGranted() != granted) {
            disagreements.add(e.get("id").asText() + ": " + x.get("sid").asText() + " " + right + " -> "
                + r.key() + ": ours " + d + ", the source says " + (granted ? "granted" : "not granted")
                + " (" + x.get("from").asText().substring(0, Math.min(120, x.get("from").asText().length())) + ")");
          }
        }
      }
    }
    assertTrue(disagreements.isEmpty(), disagreements.size() + " disagreements:\n" + String.join("\n", disagreements));
    assertTrue(checked >= 200, "expectations held to: " + checked);
    assertTrue(entries.size() >= 19, "descriptors with an expectation checked: " + entries.size());
    System.out.println("WindowsDescriptorsTest: " + checked + " expectations on " + entries.size()
        + " real Windows descriptors agree with the access check");
  }
}
