package dev.pmpulse.demo.dashboards;

/** Small rewrites of PromQL text that the live dashboard test needs. */
final class PromQl {
  private PromQl() {}

  /**
   * An alert condition with every comparison operator turned into a {@code bool} comparison:
   * instead of only the series past the threshold (often none when all is well), it returns one
   * sample (0 or 1) for every series the alert watches, with the same vector matching. So it is
   * empty exactly when the alert could never fire because a metric or a label match is wrong.
   * Label matchers inside braces and quoted strings are left alone; comparisons that already say
   * bool stay as they are.
   */
  static String withBoolComparisons(String expr) {
    StringBuilder out = new StringBuilder();
    int braces = 0;
    char quote = 0;
    int i = 0;
    while (i < expr.length()) {
      char c = expr.charAt(i);
      if (quote != 0) {
        out.append(c);
        if (c == '\\' && i + 1 < expr.length()) {
          out.append(expr.charAt(++i));
        } else if (c == quote) {
          quote = 0;
        }
        i++;
        continue;
      }
      if (c == '"' || c == '\'' || c == '`') {
        quote = c;
      } else if (c == '{') {
        braces++;
      } else if (c == '}') {
        braces--;
      } else if (braces == 0) {
        String op = comparisonAt(expr, i);
        if (op != null) {
          out.append(op);
          i += op.length();
          if (!expr.substring(i).stripLeading().startsWith("bool")) {
            out.append(" bool");
          }
          continue;
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static String comparisonAt(String expr, int i) {
    for (String op : new String[] {"==", "!=", ">=", "<=", ">", "<"}) {
      if (expr.startsWith(op, i)) {
        return op;
      }
    }
    return null;
  }
}
