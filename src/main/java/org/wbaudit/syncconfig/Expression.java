package org.wbaudit.syncconfig;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * An attribute-flow expression of Entra Connect's declarative provisioning (the language of the
 * default rules' {@code cloudFiltered} flow): parsed once, evaluated per user. wbaudit knows the
 * part of the language scoping expressions use: literals (text in double quotes with backslash
 * escapes, numbers, {@code &H} hexadecimal, True, False, NULL), {@code [attribute]}, the
 * operators {@code || && = <> < > <= >= &} and {@code !}, and the functions in {@link #FUNCTIONS}.
 * Anything else makes the expression {@link NotEvaluable}: never a guess.
 *
 * <p>Text is compared without case, as the directory compares these attributes. An attribute
 * with several values cannot be read as one value: the expression is not evaluable for that
 * user. NULL is false where a truth value is needed, and a comparison with NULL is NULL.
 */
public final class Expression {
  /** The functions wbaudit evaluates, as the engine names them (case ignored). */
  public static final Set<String> FUNCTIONS = Set.of("IIF", "ISPRESENT", "ISNULL", "ISNULLOREMPTY",
      "LEFT", "RIGHT", "MID", "INSTR", "LCASE", "UCASE", "TRIM", "LEN", "CBOOL", "CSTR", "CNUM",
      "BITAND", "CREF", "DNCOMPONENT");

  private final String text;
  private final Node root;
  private final String problem;

  private Expression(String text, Node root, String problem) {
    this.text = text;
    this.root = root;
    this.problem = problem;
  }

  /** An expression that cannot be evaluated for any user, and why. */
  public static final class NotEvaluable extends Exception {
    public NotEvaluable(String why) {
      super(why);
    }
  }

  /** Parses {@code text}; one wbaudit cannot parse is kept, with why, and is never evaluable. */
  public static Expression parse(String text) {
    Node n;
    try {
      Parser p = new Parser(text);
      n = p.expression();
      p.skipSpace();
      if (p.at < text.length()) {
        throw new NotEvaluable("unexpected \"" + p.rest() + "\" at character " + (p.at + 1));
      }
    } catch (NotEvaluable e) {
      return new Expression(text, null, e.getMessage());
    }
    try {
      checkFunctions(n);
      return new Expression(text, n, null);
    } catch (NotEvaluable e) {
      // Kept: its attributes are still read, and a term without the unknown function may decide.
      return new Expression(text, n, e.getMessage());
    }
  }

  /** An expression kept as written that is never evaluable, for {@code why}. */
  public static Expression notEvaluable(String text, String why) {
    return new Expression(text, null, why);
  }

  public String text() {
    return text;
  }

  /** Why it cannot be evaluated whole (a term without what it names may still decide); null when it can. */
  public String problem() {
    return problem;
  }

  /** The attributes it reads. */
  public Set<String> attributes() {
    Set<String> out = new LinkedHashSet<>();
    if (root != null) {
      root.collect(out);
    }
    return out;
  }

  /**
   * Its value for one object: null (NULL), a Boolean, a String or a Long.
   *
   * @param values an attribute's values by name; "dn" is the object's DN
   * @throws NotEvaluable when something it uses wbaudit does not know, or a value cannot be read
   */
  public Object evaluate(Function<String, List<String>> values) throws NotEvaluable {
    if (problem != null) {
      throw new NotEvaluable(problem);
    }
    return root.eval(values);
  }

  /**
   * Its value for one object, and which term decided it: when the expression is
   * {@code IIF(a || b || …, X, Y)}, the first of a, b, … that holds decides (X), even where
   * another term cannot be evaluated; only when none holds and one cannot be evaluated is the
   * value unknown. Of another shape, the whole expression is evaluated.
   *
   * @param value null (NULL), a Boolean, a String or a Long; meaningless when {@code notEvaluable}
   * @param term the term that held, as written; null when none did or the shape is another
   * @param notEvaluable why the value cannot be known for this object; null when it can
   */
  public record Result(Object value, String term, String notEvaluable) {}

  public Result decide(Function<String, List<String>> values) {
    if (root == null) {
      return new Result(null, null, problem);
    }
    try {
      if (root instanceof Call c && c.name.equals("IIF") && c.args.size() == 3) {
        List<Node> terms = new ArrayList<>();
        flattenOr(c.args.get(0), terms);
        String unknown = null;
        for (Node t : terms) {
          try {
            if (truthy(t.eval(values))) {
              return new Result(c.args.get(1).eval(values), text.substring(t.start(), t.end()).strip(), null);
            }
          } catch (NotEvaluable e) {
            unknown = unknown == null ? e.getMessage() : unknown;
          }
        }
        return unknown != null ? new Result(null, null, unknown)
            : new Result(c.args.get(2).eval(values), null, null);
      }
      return new Result(root.eval(values), null, null);
    } catch (NotEvaluable e) {
      return new Result(null, null, e.getMessage());
    }
  }

  /** The terms of the top-level or-chain of {@code IIF(…, True, …)}, as written; empty otherwise. */
  public List<String> terms() {
    List<String> out = new ArrayList<>();
    if (root instanceof Call c && c.name.equals("IIF") && c.args.size() == 3) {
      List<Node> terms = new ArrayList<>();
      flattenOr(c.args.get(0), terms);
      terms.forEach(t -> out.add(text.substring(t.start(), t.end()).strip()));
    }
    return out;
  }

  /** Text with its white space taken out, for comparing expressions as written. */
  public static String normalise(String expression) {
    return expression.replaceAll("\\s+", "");
  }

  private static void flattenOr(Node n, List<Node> out) {
    if (n instanceof Binary b && b.op.equals("||")) {
      flattenOr(b.left, out);
      flattenOr(b.right, out);
    } else {
      out.add(n);
    }
  }

  @Override
  public String toString() {
    return text;
  }

  private static void checkFunctions(Node n) throws NotEvaluable {
    if (n instanceof Call c) {
      if (!FUNCTIONS.contains(c.name)) {
        throw new NotEvaluable("the function " + c.written + "() is one wbaudit does not evaluate");
      }
      for (Node a : c.args) {
        checkFunctions(a);
      }
    } else if (n instanceof Binary b) {
      checkFunctions(b.left);
      checkFunctions(b.right);
    } else if (n instanceof Not x) {
      checkFunctions(x.operand);
    }
  }

  static boolean truthy(Object v) throws NotEvaluable {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Long l) {
      return l != 0;
    }
    String s = ((String) v).trim();
    if (s.equalsIgnoreCase("true")) {
      return true;
    }
    if (s.equalsIgnoreCase("false")) {
      return false;
    }
    throw new NotEvaluable("\"" + s + "\" is not a truth value");
  }

  private static Long number(Object v) throws NotEvaluable {
    if (v == null) {
      return null;
    }
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Boolean b) {
      return b ? -1L : 0L;
    }
    // Directory values are decimal (a leading 0 is no octal, 0x no hexadecimal); &H literals
    // are read where the expression is parsed.
    try {
      return Long.parseLong(((String) v).trim());
    } catch (NumberFormatException e) {
      throw new NotEvaluable("\"" + v + "\" is not a number");
    }
  }

  private static String string(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    return v.toString();
  }

  // The tree. Each node knows where it stands in the text, to name a term as written.

  private sealed interface Node permits Literal, Attribute, Call, Binary, Not {
    Object eval(Function<String, List<String>> values) throws NotEvaluable;

    int start();

    int end();

    default void collect(Set<String> attributes) {}
  }

  private record Literal(Object value, int start, int end) implements Node {
    @Override
    public Object eval(Function<String, List<String>> values) {
      return value;
    }
  }

  private record Attribute(String name, int start, int end) implements Node {
    @Override
    public Object eval(Function<String, List<String>> values) throws NotEvaluable {
      List<String> v = values.apply(name);
      if (v == null || v.isEmpty()) {
        return null;
      }
      if (v.size() > 1) {
        throw new NotEvaluable("[" + name + "] holds " + v.size() + " values; the expression reads one");
      }
      return v.get(0);
    }

    @Override
    public void collect(Set<String> attributes) {
      attributes.add(name);
    }
  }

  private record Not(Node operand, int start, int end) implements Node {
    @Override
    public Object eval(Function<String, List<String>> values) throws NotEvaluable {
      Object v = operand.eval(values);
      return v == null ? null : !truthy(v);
    }

    @Override
    public void collect(Set<String> attributes) {
      operand.collect(attributes);
    }
  }

  private record Binary(String op, Node left, Node right, int start, int end) implements Node {
    @Override
    public Object eval(Function<String, List<String>> values) throws NotEvaluable {
      switch (op) {
        case "||" -> {
          return truthy(left.eval(values)) || truthy(right.eval(values));
        }
        case "&&" -> {
          return truthy(left.eval(values)) && truthy(right.eval(values));
        }
        case "&" -> {
          String a = string(left.eval(values));
          String b = string(right.eval(values));
          return (a == null ? "" : a) + (b == null ? "" : b);
        }
        default -> {
          Object a = left.eval(values);
          Object b = right.eval(values);
          if (a == null || b == null) {
            return null;
          }
          int c = compare(a, b);
          return switch (op) {
            case "=" -> c == 0;
            case "<>" -> c != 0;
            case "<" -> c < 0;
            case ">" -> c > 0;
            case "<=" -> c <= 0;
            default -> c >= 0;
          };
        }
      }
    }

    private static int compare(Object a, Object b) throws NotEvaluable {
      if (a instanceof Boolean || b instanceof Boolean) {
        return Boolean.compare(truthy(a), truthy(b));
      }
      if (a instanceof Long || b instanceof Long) {
        return Long.compare(number(a), number(b));
      }
      return ((String) a).compareToIgnoreCase((String) b);
    }

    @Override
    public void collect(Set<String> attributes) {
      left.collect(attributes);
      right.collect(attributes);
    }
  }

  private record Call(String name, String written, List<Node> args, int start, int end) implements Node {
    @Override
    public void collect(Set<String> attributes) {
      args.forEach(a -> a.collect(attributes));
    }

    private void arity(int min, int max) throws NotEvaluable {
      if (args.size() < min || args.size() > max) {
        throw new NotEvaluable(written + "() takes " + (min == max ? min : min + " to " + max)
            + " arguments, not " + args.size());
      }
    }

    @Override
    public Object eval(Function<String, List<String>> values) throws NotEvaluable {
      switch (name) {
        case "IIF" -> {
          arity(3, 3);
          return truthy(args.get(0).eval(values)) ? args.get(1).eval(values) : args.get(2).eval(values);
        }
        case "ISPRESENT" -> {
          arity(1, 1);
          Object v = args.get(0).eval(values);
          return v != null && !(v instanceof String s && s.isEmpty());
        }
        case "ISNULL" -> {
          arity(1, 1);
          return args.get(0).eval(values) == null;
        }
        case "ISNULLOREMPTY" -> {
          arity(1, 1);
          Object v = args.get(0).eval(values);
          return v == null || (v instanceof String s && s.isEmpty());
        }
        default -> {
          return call(values);
        }
      }
    }

    private Object call(Function<String, List<String>> values) throws NotEvaluable {
      List<Object> v = new ArrayList<>();
      for (Node a : args) {
        v.add(a.eval(values));
      }
      switch (name) {
        case "LEFT", "RIGHT" -> {
          arity(2, 2);
          String s = string(v.get(0));
          Long n = number(v.get(1));
          if (s == null || n == null) {
            return null;
          }
          int k = (int) Math.max(0, Math.min(n, s.length()));
          return name.equals("LEFT") ? s.substring(0, k) : s.substring(s.length() - k);
        }
        case "MID" -> {
          arity(3, 3);
          String s = string(v.get(0));
          Long from = number(v.get(1));
          Long len = number(v.get(2));
          if (s == null || from == null || len == null) {
            return null;
          }
          int a = (int) Math.max(0, Math.min(from - 1, s.length()));
          return s.substring(a, (int) Math.max(a, Math.min(s.length(), a + len)));
        }
        case "INSTR" -> {
          arity(2, 3);
          String s = string(v.get(0));
          String find = string(v.get(1));
          Long from = args.size() == 3 ? number(v.get(2)) : Long.valueOf(1);
          if (s == null || find == null || from == null) {
            return null;
          }
          int at = s.toLowerCase(Locale.ROOT).indexOf(find.toLowerCase(Locale.ROOT),
              (int) Math.max(0, from - 1));
          return (long) (at + 1);
        }
        case "LCASE", "UCASE", "TRIM" -> {
          arity(1, 1);
          String s = string(v.get(0));
          if (s == null) {
            return null;
          }
          return name.equals("LCASE") ? s.toLowerCase(Locale.ROOT)
              : name.equals("UCASE") ? s.toUpperCase(Locale.ROOT) : s.strip();
        }
        case "LEN" -> {
          arity(1, 1);
          String s = string(v.get(0));
          return s == null ? null : (long) s.length();
        }
        case "CBOOL" -> {
          arity(1, 1);
          return v.get(0) == null ? null : truthy(v.get(0));
        }
        case "CSTR", "CREF" -> {
          arity(1, 1);
          return string(v.get(0));
        }
        case "CNUM" -> {
          arity(1, 1);
          return number(v.get(0));
        }
        case "BITAND" -> {
          arity(2, 2);
          Long a = number(v.get(0));
          Long b = number(v.get(1));
          return a == null || b == null ? null : a & b;
        }
        case "DNCOMPONENT" -> {
          arity(2, 2);
          String dn = string(v.get(0));
          Long n = number(v.get(1));
          if (dn == null || n == null) {
            return null;
          }
          List<String> rdns = splitDn(dn);
          if (n < 1 || n > rdns.size()) {
            return null;
          }
          String rdn = rdns.get((int) (n - 1));
          int eq = rdn.indexOf('=');
          return eq < 0 ? rdn : rdn.substring(eq + 1);
        }
        default -> throw new NotEvaluable("the function " + written + "() is one wbaudit does not evaluate");
      }
    }
  }

  /** A DN's RDNs as written (escapes kept), split at the commas that are not escaped. */
  static List<String> splitDn(String dn) {
    List<String> out = new ArrayList<>();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < dn.length(); i++) {
      char c = dn.charAt(i);
      if (c == '\\' && i + 1 < dn.length()) {
        b.append(c).append(dn.charAt(++i));
      } else if (c == ',') {
        out.add(b.toString().strip());
        b.setLength(0);
      } else {
        b.append(c);
      }
    }
    out.add(b.toString().strip());
    return out;
  }

  /** A recursive-descent reader of the expression's text. */
  private static final class Parser {
    final String s;
    int at;

    Parser(String s) {
      this.s = s;
    }

    String rest() {
      String r = s.substring(at);
      return r.length() > 20 ? r.substring(0, 20) + "…" : r;
    }

    void skipSpace() {
      while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
        at++;
      }
    }

    boolean eat(String token) {
      skipSpace();
      if (s.startsWith(token, at)) {
        at += token.length();
        return true;
      }
      return false;
    }

    Node expression() throws NotEvaluable {
      skipSpace();
      int start = at;
      Node left = and();
      while (eat("||")) {
        Node right = and();
        left = new Binary("||", left, right, start, right.end());
      }
      return left;
    }

    Node and() throws NotEvaluable {
      skipSpace();
      int start = at;
      Node left = comparison();
      while (eat("&&")) {
        Node right = comparison();
        left = new Binary("&&", left, right, start, right.end());
      }
      return left;
    }

    Node comparison() throws NotEvaluable {
      skipSpace();
      int start = at;
      Node left = concat();
      for (String op : List.of("<>", "<=", ">=", "=", "<", ">")) {
        if (eat(op)) {
          Node right = concat();
          return new Binary(op, left, right, start, right.end());
        }
      }
      return left;
    }

    Node concat() throws NotEvaluable {
      skipSpace();
      int start = at;
      Node left = unary();
      while (true) {
        skipSpace();
        // "&&" is and; "&H" begins a hexadecimal number.
        if (at < s.length() && s.charAt(at) == '&' && !s.startsWith("&&", at)
            && !(at + 1 < s.length() && (s.charAt(at + 1) == 'H' || s.charAt(at + 1) == 'h'))) {
          at++;
          Node right = unary();
          left = new Binary("&", left, right, start, right.end());
        } else {
          return left;
        }
      }
    }

    Node unary() throws NotEvaluable {
      skipSpace();
      int start = at;
      if (at < s.length() && s.charAt(at) == '!' && !s.startsWith("!=", at)) {
        at++;
        Node operand = unary();
        return new Not(operand, start, operand.end());
      }
      return primary();
    }

    Node primary() throws NotEvaluable {
      skipSpace();
      if (at >= s.length()) {
        throw new NotEvaluable("the expression ends where a value was expected");
      }
      int start = at;
      char c = s.charAt(at);
      if (c == '(') {
        at++;
        Node inner = expression();
        if (!eat(")")) {
          throw new NotEvaluable("a ( is not closed");
        }
        return withSpan(inner, start, at);
      }
      if (c == '"') {
        StringBuilder b = new StringBuilder();
        at++;
        while (at < s.length() && s.charAt(at) != '"') {
          if (s.charAt(at) == '\\' && at + 1 < s.length()) {
            at++;
          }
          b.append(s.charAt(at++));
        }
        if (at >= s.length()) {
          throw new NotEvaluable("a text in quotes is not closed");
        }
        at++;
        return new Literal(b.toString(), start, at);
      }
      if (c == '[') {
        int close = s.indexOf(']', at);
        if (close < 0) {
          throw new NotEvaluable("a [ is not closed");
        }
        String name = s.substring(at + 1, close).trim();
        at = close + 1;
        return new Attribute(name, start, at);
      }
      if (c == '&' && at + 1 < s.length() && (s.charAt(at + 1) == 'H' || s.charAt(at + 1) == 'h')) {
        int from = at + 2;
        at = from;
        while (at < s.length() && Character.digit(s.charAt(at), 16) >= 0) {
          at++;
        }
        if (at == from) {
          throw new NotEvaluable("&H without hexadecimal digits");
        }
        return new Literal(Long.parseLong(s.substring(from, at), 16), start, at);
      }
      if (Character.isDigit(c) || (c == '-' && at + 1 < s.length() && Character.isDigit(s.charAt(at + 1)))) {
        at++;
        while (at < s.length() && Character.isDigit(s.charAt(at))) {
          at++;
        }
        try {
          return new Literal(Long.parseLong(s.substring(start, at)), start, at);
        } catch (NumberFormatException e) {
          throw new NotEvaluable("the number " + s.substring(start, at) + " is too large");
        }
      }
      if (Character.isLetter(c)) {
        while (at < s.length() && (Character.isLetterOrDigit(s.charAt(at)) || s.charAt(at) == '_')) {
          at++;
        }
        String word = s.substring(start, at);
        String upper = word.toUpperCase(Locale.ROOT);
        skipSpace();
        if (at < s.length() && s.charAt(at) == '(') {
          at++;
          List<Node> args = new ArrayList<>();
          if (!eat(")")) {
            do {
              args.add(expression());
            } while (eat(","));
            if (!eat(")")) {
              throw new NotEvaluable(word + "( is not closed");
            }
          }
          return new Call(upper, word, args, start, at);
        }
        return switch (upper) {
          case "TRUE" -> new Literal(Boolean.TRUE, start, start + word.length());
          case "FALSE" -> new Literal(Boolean.FALSE, start, start + word.length());
          case "NULL", "NOTHING" -> new Literal(null, start, start + word.length());
          default -> throw new NotEvaluable("\"" + word + "\" is neither a function nor a value wbaudit knows");
        };
      }
      throw new NotEvaluable("unexpected \"" + rest() + "\" at character " + (at + 1));
    }

    private static Node withSpan(Node n, int start, int end) {
      if (n instanceof Binary b) {
        return new Binary(b.op, b.left, b.right, start, end);
      }
      if (n instanceof Call c) {
        return new Call(c.name, c.written, c.args, start, end);
      }
      if (n instanceof Not x) {
        return new Not(x.operand, start, end);
      }
      if (n instanceof Attribute a) {
        return new Attribute(a.name, start, end);
      }
      Literal l = (Literal) n;
      return new Literal(l.value, start, end);
    }
  }
}
