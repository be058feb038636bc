package vankien.shacl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;

/**
 * A fast reader of plain N-Triples, for the partitioned validation's first pass (the file's parsing was most of
 * its time). It reads the lines an export writes: absolute IRIs with a lower-case scheme and no dot segments or
 * escapes, blank nodes, literals (with the N-Triples string escapes) plain, typed or with a language. Anything
 * else (a relative IRI, an escape in an IRI, a quoted triple, a base direction, a syntax error) raises
 * {@link NotPlain}, and the caller reads the file with Jena's parser instead: what is read here gives the
 * triples Jena gives (Validate --compare-readers checks it on a file; tests/test_rdf.py on the corpus export).
 */
final class NTriples {
    /** A line this reader leaves to Jena's parser. */
    static final class NotPlain extends RuntimeException {
        NotPlain(String why) {
            super(why, null, false, false);
        }
    }

    private final Consumer<Triple> sink;
    private final Map<String, Node> predicates = new HashMap<>();
    private final TypeMapper datatypes = TypeMapper.getInstance();
    private final StringBuilder text = new StringBuilder();
    private byte[] b;
    private int p, lim;

    NTriples(Consumer<Triple> sink) {
        this.sink = sink;
    }

    /** Every line of IN to the sink; NotPlain at the first line this reader leaves to Jena. */
    void read(InputStream in) throws IOException {
        byte[] buf = new byte[1 << 20];
        int start = 0, end = 0, scan = 0;
        while (true) {
            int nl = -1;
            for (int i = scan; i < end; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            if (nl >= 0) {
                line(buf, start, nl);
                start = scan = nl + 1;
                continue;
            }
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            scan = end;
            if (end == buf.length) buf = java.util.Arrays.copyOf(buf, 2 * buf.length);
            int got = in.read(buf, end, buf.length - end);
            if (got < 0) {
                if (end > start) line(buf, start, end);
                return;
            }
            end += got;
        }
    }

    private void line(byte[] bytes, int from, int to) {
        b = bytes;
        p = from;
        lim = to;
        if (lim > p && b[lim - 1] == '\r') lim--;
        skipSpace();
        if (p == lim || b[p] == '#') return;
        Node s = b[p] == '<' ? iri() : b[p] == '_' ? blank() : fail("subject");
        skipSpace();
        if (p == lim || b[p] != '<') fail("predicate");
        int at = p;
        Node pr = iri();
        skipSpace();
        Node o;
        if (p == lim) fail("object");
        switch (b[p]) {
            case '<' -> o = iri();
            case '_' -> o = blank();
            case '"' -> o = literal();
            default -> o = fail("object");
        }
        skipSpace();
        if (p == lim || b[p] != '.') fail("no final dot");
        p++;
        skipSpace();
        if (p < lim && b[p] != '#') fail("text after the dot");
        sink.accept(Triple.create(s, predicates.computeIfAbsent(pr.getURI(), k -> pr), o));
    }

    private void skipSpace() {
        while (p < lim && (b[p] == ' ' || b[p] == '\t')) p++;
    }

    private static Node fail(String why) {
        throw new NotPlain(why);
    }

    private String iriText() {
        int start = ++p;
        while (p < lim && b[p] != '>') {
            byte c = b[p];
            if (c == '\\' || c == '<' || c == '"' || c == ' ' || c == '{' || c == '}' || c == '|' || c == '^'
                    || c == '`' || (c >= 0 && c <= 0x20)) {
                fail("IRI with an escape or a character N-Triples forbids");
            }
            p++;
        }
        if (p == lim) fail("unclosed IRI");
        int end = p++;
        // absolute, lower-case scheme, no dot segment: nothing a resolver would change
        int i = start;
        if (i == end || b[i] < 'a' || b[i] > 'z') fail("IRI without a lower-case scheme");
        while (i < end && ((b[i] >= 'a' && b[i] <= 'z') || (b[i] >= '0' && b[i] <= '9') || b[i] == '+' || b[i] == '-'
                || b[i] == '.')) i++;
        if (i == end || b[i] != ':') fail("relative IRI");
        for (int j = i; j < end; j++) {
            if (b[j] == '.' && b[j - 1] == '/' && (j + 1 == end || b[j + 1] == '/' || b[j + 1] == '?' || b[j + 1] == '#'
                    || (b[j + 1] == '.' && (j + 2 == end || b[j + 2] == '/' || b[j + 2] == '?' || b[j + 2] == '#')))) {
                fail("IRI with a dot segment");
            }
        }
        return new String(b, start, end - start, StandardCharsets.UTF_8);
    }

    private Node iri() {
        return NodeFactory.createURI(iriText());
    }

    private Node blank() {
        if (p + 1 >= lim || b[p + 1] != ':') fail("blank node");
        p += 2;
        int start = p;
        while (p < lim) {
            byte c = b[p];
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                    || c == '.' || c < 0) {
                p++;
            } else {
                break;
            }
        }
        if (p == start || b[p - 1] == '.' || b[start] == '-' || b[start] == '.') fail("blank node label");
        return NodeFactory.createBlankNode(new String(b, start, p - start, StandardCharsets.UTF_8));
    }

    private Node literal() {
        int start = ++p;
        boolean escaped = false;
        while (p < lim && b[p] != '"') {
            if (b[p] == '\\') {
                escaped = true;
                p++;
            } else if (b[p] == '\r') {
                fail("carriage return in a literal");
            }
            p++;
        }
        if (p >= lim) fail("unclosed literal");
        String lex = escaped ? unescape(start, p) : new String(b, start, p - start, StandardCharsets.UTF_8);
        p++;
        if (p < lim && b[p] == '@') {
            int ls = ++p;
            while (p < lim && ((b[p] >= 'a' && b[p] <= 'z') || (b[p] >= 'A' && b[p] <= 'Z') || (b[p] >= '0' && b[p] <= '9')
                    || b[p] == '-')) p++;
            String lang = new String(b, ls, p - ls, StandardCharsets.US_ASCII);
            if (lang.isEmpty() || lang.contains("--") || lang.startsWith("-")) fail("language tag");
            return NodeFactory.createLiteralLang(lex, lang);
        }
        if (p + 1 < lim && b[p] == '^' && b[p + 1] == '^') {
            p += 2;
            if (p == lim || b[p] != '<') fail("datatype");
            return NodeFactory.createLiteralDT(lex, datatypes.getSafeTypeByName(iriText()));
        }
        return NodeFactory.createLiteralString(lex);
    }

    private String unescape(int from, int to) {
        String raw = new String(b, from, to - from, StandardCharsets.UTF_8);
        text.setLength(0);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                text.append(c);
                continue;
            }
            char e = raw.charAt(++i);
            switch (e) {
                case 't' -> text.append('\t');
                case 'b' -> text.append('\b');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 'f' -> text.append('\f');
                case '"' -> text.append('"');
                case '\'' -> text.append('\'');
                case '\\' -> text.append('\\');
                case 'u', 'U' -> {
                    int digits = e == 'u' ? 4 : 8;
                    if (i + digits >= raw.length()) fail("short \\u escape");
                    int cp;
                    try {
                        cp = Integer.parseInt(raw.substring(i + 1, i + 1 + digits), 16);
                    } catch (NumberFormatException x) {
                        throw new NotPlain("bad \\u escape");
                    }
                    if (!Character.isValidCodePoint(cp) || (cp >= 0xD800 && cp <= 0xDFFF)) fail("bad code point");
                    text.appendCodePoint(cp);
                    i += digits;
                }
                default -> fail("unknown escape");
            }
        }
        return text.toString();
    }
}
