package org.wbaudit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import org.wbaudit.report.TerminalText;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.wbaudit.sd.MalformedDescriptorException;
import org.wbaudit.sd.Sddl;
import org.wbaudit.sd.SddlException;
import org.wbaudit.sd.SecurityDescriptor;
import org.wbaudit.sd.Sid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Converts security descriptors between base64 binary (as LDAP returns nTSecurityDescriptor) and
 * SDDL, one per input line. A bad line is reported and the rest still processed.
 */
@Command(
    name = "sddl",
    mixinStandardHelpOptions = true,
    description = {
      "Reads standard input, one base64 binary security descriptor per line, and writes each as"
          + " SDDL. With --encode, reads SDDL and writes base64. Blank lines are skipped; a line"
          + " that cannot be read is reported with its number and the rest are still processed.",
    })
final class SddlCommand implements Callable<Integer> {
  enum Format {
    text,
    jsonl
  }

  @Spec CommandSpec spec;

  @Option(names = "--format", defaultValue = "text",
      description = "text (for people; errors on standard error) or jsonl (one JSON object per"
          + " line: {\"line\":N,\"sddl\":...} or {\"line\":N,\"error\":...}). Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(names = "--domain-sid", paramLabel = "SID",
      description = "Domain SID, so that domain-relative SIDs read and write as aliases (DA, DU...).")
  String domainSid;

  @Option(names = "--encode", description = "SDDL in, base64 binary out.")
  boolean encode;

  private final InputStream in;
  /** Made on first use: picocli builds every command up front, and a mapper costs 0.2 s to load. */
  private ObjectMapper json;

  SddlCommand(InputStream in) {
    this.in = in;
  }

  @Override
  public Integer call() throws IOException {
    Sid domain = parseDomain();
    PrintWriter out = spec.commandLine().getOut();
    // Error messages echo the input line: nothing of it may drive the terminal.
    PrintWriter err = new TerminalText(spec.commandLine().getErr());
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    int failed = 0;
    int lineNo = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lineNo++;
      String text = line.strip();
      if (text.isEmpty()) {
        continue;
      }
      String result;
      String error = null;
      try {
        result = encode ? encode(text, domain) : decode(text, domain);
      } catch (InputError e) {
        result = null;
        error = e.getMessage();
        failed++;
      }
      emit(out, err, lineNo, result, error);
    }
    out.flush();
    err.flush();
    if (failed > 0 && format == Format.text) {
      err.println("wbaudit: " + failed + " of the input lines could not be read");
    }
    return failed > 0 ? ExitCode.INVALID_INPUT.code() : ExitCode.OK.code();
  }

  private Sid parseDomain() {
    if (domainSid == null) {
      return null;
    }
    try {
      return Sid.parse(domainSid);
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCode.USAGE, "--domain-sid: " + e.getMessage());
    }
  }

  private static String decode(String text, Sid domain) throws InputError {
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(text);
      if (bytes.length == 0 || !text.matches("[A-Za-z0-9+/=\\s]+")) {
        throw new IllegalArgumentException("not base64");
      }
    } catch (IllegalArgumentException e) {
      throw new InputError("not base64: expected a base64-encoded binary security descriptor");
    }
    try {
      return Sddl.format(SecurityDescriptor.parse(bytes), domain);
    } catch (MalformedDescriptorException e) {
      throw new InputError("malformed security descriptor " + e.getMessage());
    } catch (SddlException e) {
      throw new InputError(e.getMessage());
    }
  }

  private static String encode(String text, Sid domain) throws InputError {
    try {
      return Base64.getEncoder().encodeToString(Sddl.parse(text, domain).toBytes());
    } catch (SddlException e) {
      throw new InputError("malformed SDDL " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new InputError("cannot encode: " + e.getMessage());
    }
  }

  private void emit(PrintWriter out, PrintWriter err, int line, String result, String error)
      throws IOException {
    if (format == Format.jsonl) {
      if (json == null) {
        json = new ObjectMapper();
      }
      ObjectNode n = json.createObjectNode();
      n.put("line", line);
      if (error == null) {
        n.put(encode ? "base64" : "sddl", result);
      } else {
        n.put("error", error);
      }
      out.println(json.writeValueAsString(n));
    } else if (error == null) {
      out.println(result);
    } else {
      err.println("line " + line + ": " + error);
    }
  }

  /** One line's problem; reported, never fatal. */
  private static final class InputError extends Exception {
    InputError(String message) {
      super(message);
    }
  }
}
