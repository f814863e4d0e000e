package com.clinicbackbone.localstack;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The inbox as a small self-refreshing HTML page; every captured value is escaped. */
final class InboxPage {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private InboxPage() {
    }

    static String render(List<CapturedMail> mail, List<CapturedSms> sms) {
        return render(mail, sms, false);
    }

    /** With {@code replies}, each SMS sent to a patient offers to answer it as the patient (C, X, STOP ...). */
    static String render(List<CapturedMail> mail, List<CapturedSms> sms, boolean replies) {
        StringBuilder html = new StringBuilder("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
                <title>Clinic Backbone inbox</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
                table{border-collapse:collapse;width:100%;margin-bottom:2rem}
                th,td{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top}
                th{background:#f3f3f3}
                pre{margin:0;white-space:pre-wrap;font-family:inherit}
                .muted{color:#777}
                </style></head><body>
                <h1>Clinic Backbone inbox</h1>
                <p class="muted">What patients would receive, newest first. Refreshes every 3 seconds.
                JSON: <a href="/api/messages">/api/messages</a></p>
                """);
        html.append("<h2>Email (").append(mail.size()).append(")</h2>\n");
        if (mail.isEmpty()) {
            html.append("<p class=\"muted\">No email yet.</p>\n");
        } else {
            html.append("<table><tr><th>received</th><th>to</th><th>from</th><th>subject</th><th>body</th></tr>\n");
            for (CapturedMail m : mail) {
                html.append("<tr><td>").append(escape(TIME.format(m.receivedAt())))
                        .append("</td><td>").append(escape(m.to()))
                        .append("</td><td>").append(escape(m.from()))
                        .append("</td><td>").append(escape(m.subject()))
                        .append("</td><td><pre>").append(escape(m.body())).append("</pre></td></tr>\n");
            }
            html.append("</table>\n");
        }
        html.append("<h2>SMS (").append(sms.size()).append(")</h2>\n");
        if (sms.isEmpty()) {
            html.append("<p class=\"muted\">No SMS yet.</p>\n");
        } else {
            html.append("<table><tr><th>received</th><th>to</th><th>from</th><th>body</th><th>status</th>"
                    + "<th>sid</th>").append(replies ? "<th>reply as the patient</th>" : "").append("</tr>\n");
            for (CapturedSms s : sms) {
                html.append("<tr><td>").append(escape(TIME.format(s.receivedAt())))
                        .append("</td><td>").append(escape(s.to()))
                        .append("</td><td>").append(escape(s.from()))
                        .append("</td><td><pre>").append(escape(s.body()))
                        .append("</pre></td><td>").append(escape(s.status()))
                        .append("</td><td>").append(escape(s.sid())).append("</td>");
                if (replies) {
                    html.append("<td>").append("received".equals(s.status()) ? "" : replyForm(s)).append("</td>");
                }
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    /** Buttons that answer the SMS from the patient's number to the number it came from. */
    private static String replyForm(CapturedSms s) {
        StringBuilder form = new StringBuilder("<form method=\"post\" action=\"/reply\">")
                .append("<input type=\"hidden\" name=\"from\" value=\"").append(escape(s.to())).append("\">")
                .append("<input type=\"hidden\" name=\"to\" value=\"").append(escape(s.from())).append("\">");
        for (String keyword : List.of("C", "X", "STOP", "START", "HELP")) {
            form.append("<button name=\"body\" value=\"").append(keyword).append("\">").append(keyword)
                    .append("</button> ");
        }
        return form.append("</form>").toString();
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
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
}
