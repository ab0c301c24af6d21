package org.wbaudit.it;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import java.nio.charset.StandardCharsets;

/**
 * The truth about Reset Password: bind as the sync account and replace the user's unicodePwd,
 * as writeback would. Success means the right is effective; insufficientAccessRights (50) means
 * it is not. This writes to the DC, so only tests call it, never wbaudit.
 */
public final class ResetOracle implements AutoCloseable {
  private final LDAPConnection connection;

  public ResetOracle(SambaDc dc, String bindName, String password) throws Exception {
    connection = new LDAPConnection(new SSLUtil(new TrustAllTrustManager()).createSSLSocketFactory(),
        dc.ip, 636);
    connection.bind(bindName, password);
  }

  /** The result code of a reset of {@code dn}'s password to {@code newPassword}. */
  public ResultCode reset(String dn, String newPassword) {
    try {
      return connection.modify(new ModifyRequest(dn,
          new Modification(ModificationType.REPLACE, "unicodePwd", quoted(newPassword)))).getResultCode();
    } catch (LDAPException e) {
      return e.getResultCode();
    }
  }

  /**
   * The result code of a password change of {@code dn} from {@code oldPassword} to
   * {@code newPassword} by the bound account: the delete-and-add of unicodePwd that AD treats as
   * a change (the old password must be right), which needs Change Password, not Reset Password.
   */
  public Answer change(String dn, String oldPassword, String newPassword) {
    try {
      return new Answer(connection.modify(new ModifyRequest(dn,
          new Modification(ModificationType.DELETE, "unicodePwd", quoted(oldPassword)),
          new Modification(ModificationType.ADD, "unicodePwd", quoted(newPassword)))).getResultCode(), "");
    } catch (LDAPException e) {
      return new Answer(e.getResultCode(), e.getDiagnosticMessage() == null ? "" : e.getDiagnosticMessage());
    }
  }

  /** A result code and the DC's diagnostic message (empty when it gave none). */
  public record Answer(ResultCode code, String diagnostic) {
    /**
     * What the answer says of the Change Password right: true (done), false (the acl module
     * refused it: Samba, as Windows, answers a refused change with constraintViolation, not
     * insufficientAccessRights), or null for a refusal about something else (a locked account,
     * a wrong old password, the password policy).
     */
    public Boolean changeRight() {
      if (code == ResultCode.SUCCESS) {
        return true;
      }
      if (code == ResultCode.CONSTRAINT_VIOLATION && diagnostic.contains("error in module acl")) {
        return false;
      }
      return null;
    }

    @Override
    public String toString() {
      return code + (diagnostic.isEmpty() ? "" : " \"" + diagnostic.strip() + "\"");
    }
  }

  private static byte[] quoted(String password) {
    return ("\"" + password + "\"").getBytes(StandardCharsets.UTF_16LE);
  }

  /**
   * The result code of writing {@code attribute} = {@code value} on {@code dn}: the truth about
   * write-property rights. Used with values that leave the account as it was in effect
   * (lockoutTime 0 unlocks; pwdLastSet -1 marks the password as set now).
   */
  public ResultCode write(String dn, String attribute, String value) {
    try {
      return connection.modify(new ModifyRequest(dn,
          new Modification(ModificationType.REPLACE, attribute, value))).getResultCode();
    } catch (LDAPException e) {
      return e.getResultCode();
    }
  }

  @Override
  public void close() {
    connection.close();
  }
}
