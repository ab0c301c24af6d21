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
    byte[] value = ("\"" + newPassword + "\"").getBytes(StandardCharsets.UTF_16LE);
    try {
      return connection.modify(new ModifyRequest(dn,
          new Modification(ModificationType.REPLACE, "unicodePwd", value))).getResultCode();
    } catch (LDAPException e) {
      return e.getResultCode();
    }
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
