package cn.qifu.system;

/**
 * Text that people typed (an enterprise, a channel), for the text views of the Camunda Forms in Tasklist. Those views
 * read their text as Markdown with HTML and drop what they consider unsafe: a title with {@code <b>} or
 * {@code [link](url)} would be shown as something else than was typed, or not at all. Escaped here, it is shown
 * literally, character for character.
 */
public final class FormText {

    private FormText() {
    }

    /**
     * A backslash before every ASCII punctuation character (Markdown's escape, which also keeps {@code <} and
     * {@code &} from being read as HTML); a line break stays one. At most twice as long as the text: the result goes
     * into a process variable, whose text the engine stores in 4,000 characters.
     */
    public static String literal(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                continue;
            }
            if (c == '\n' || (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`')
                    || (c >= '{' && c <= '~')) {
                // (a backslash at the end of a line is Markdown's hard line break)
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** As {@link #literal(String)}, of at most {@code max} characters of the text ("……" when there were more). */
    public static String literal(String text, int max) {
        return text != null && text.length() > max ? literal(text.substring(0, max)) + "……" : literal(text);
    }
}
