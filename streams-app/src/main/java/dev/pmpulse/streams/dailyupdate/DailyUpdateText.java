package dev.pmpulse.streams.dailyupdate;

import dev.pmpulse.events.DailyUpdate.Status;
import dev.pmpulse.events.DailyUpdate;
import java.time.Instant;
import java.util.List;

/**
 * The daily update as Markdown and as a small HTML page. Every text from the update is escaped
 * for the format, so a team, cluster or customer name can never add markup.
 */
public final class DailyUpdateText {
  private static final String NONE = "None.";

  private DailyUpdateText() {}

  public static String markdown(DailyUpdate u) {
    StringBuilder md = new StringBuilder();
    md.append("# PM Pulse daily update, ").append(md(String.valueOf(u.date()))).append("\n\n");
    md.append("_As of ").append(md(when(u.asOf()))).append(", the end of the day (event time)._\n\n");
    md.append("## Status\n\n");
    for (Status s : u.status()) {
      md.append("- **").append(md(s.kpi())).append("**: ").append(md(s.value()))
          .append(" (target ").append(md(s.target())).append("): **").append(md(s.outcome().label())).append("**\n");
    }
    section(md, "Risks", u.risks());
    section(md, "Decisions", u.decisions());
    return md.toString();
  }

  private static void section(StringBuilder md, String title, List<String> lines) {
    md.append("\n## ").append(title).append("\n\n");
    if (lines.isEmpty()) {
      md.append(NONE).append('\n');
    }
    lines.forEach(line -> md.append("- ").append(md(line)).append('\n'));
  }

  public static String html(DailyUpdate u) {
    StringBuilder h = new StringBuilder();
    String title = "PM Pulse daily update, " + u.date();
    h.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(html(title)).append("</title>\n")
        .append("<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n<body class=\"report\">\n<main>\n")
        .append("<h1>").append(html(title)).append("</h1>\n")
        .append("<p class=\"as-of\">As of ").append(html(when(u.asOf()))).append(", the end of the day (event time)</p>\n")
        .append("<h2>Status</h2>\n<table>\n<thead><tr><th>KPI</th><th>Value</th><th>Target</th><th>Outcome</th></tr></thead>\n<tbody>\n");
    for (Status s : u.status()) {
      String state = switch (s.outcome()) {
        case MET -> "good";
        case MISSED -> "bad";
        case NO_DATA -> "muted";
      };
      h.append("<tr><td>").append(html(s.kpi())).append("</td><td>").append(html(s.value()))
          .append("</td><td>").append(html(s.target())).append("</td><td class=\"").append(state).append("\">")
          .append(html(s.outcome().label())).append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n");
    list(h, "Risks", u.risks());
    list(h, "Decisions", u.decisions());
    h.append("<p><a href=\"/\">Dashboard</a></p>\n</main>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void list(StringBuilder h, String title, List<String> lines) {
    h.append("<h2>").append(title).append("</h2>\n");
    if (lines.isEmpty()) {
      h.append("<p>").append(NONE).append("</p>\n");
      return;
    }
    h.append("<ul>\n");
    lines.forEach(line -> h.append("<li>").append(html(line)).append("</li>\n"));
    h.append("</ul>\n");
  }

  private static String when(Instant at) {
    return at == null ? "unknown time" : at.toString().substring(0, 16).replace('T', ' ') + " UTC";
  }

  /** Escapes text for HTML element content and quoted attribute values. */
  static String html(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Escapes text for Markdown inline content: the characters that start emphasis, code, links,
   * tables and raw HTML get a backslash (CommonMark allows one before any ASCII punctuation), and
   * line breaks become spaces so a value cannot start a new block.
   */
  static String md(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.replace('\r', ' ').replace('\n', ' ').toCharArray()) {
      if ("\\`*_[]<>|~&#!".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
