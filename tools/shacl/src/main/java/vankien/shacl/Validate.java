package vankien.shacl;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.lang.LabelToNode;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.path.P_Inverse;
import org.apache.jena.sparql.path.P_Link;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/**
 * SHACL validation of a vankien RDF export with Apache Jena, whole or in partitions (vankien validate-rdf,
 * ontology/validate.py runs it and reads its output).
 *
 * <pre>
 * java -jar vankien-shacl.jar --shapes shapes.ttl --context vankien.ttl --context schemes.ttl \
 *      --data FILE --lang TTL [--whole] [--bucket-triples N] [--threads N] [--tmp DIR]
 * </pre>
 *
 * Output, UTF-8, one line each, fields separated by tabs, RDF terms in N-Triples form (empty when absent):
 * {@code R severity message path focus value component} for each result, then
 * {@code T triples conforms mode buckets}. Exit 0 (conforming or not), 2 on a bad command line or file.
 *
 * <p>Partitioned mode (the default) holds one partition at a time, never the whole graph. Every triple goes to
 * the partition of an owner: a node owns its own triples, except a node with exactly one
 * rico:relationHasSource (a qualified relation or mention), whose triples go to that source's partition, where
 * the direct triple its SPARQL constraint looks for is. Each partition is validated with the context
 * (ontology, schemes) and, for every node it refers to, the rdf:type triples of that node whose class may
 * satisfy an sh:class of the shapes, plus every triple of an inverse path of the shapes; then only the results
 * of the nodes it owns are kept. ontology/validate.py explains why this equals the whole-graph validation and
 * when it falls back to the whole graph (the data changes the class hierarchy or the shortcuts, or a typed node
 * has more than one rico:relationHasSource).
 */
public final class Validate {
    static final Node RELATION_HAS_SOURCE = NodeFactory.createURI("https://www.ica.org/standards/RiC/ontology#relationHasSource");
    static final Node SHORTCUT = NodeFactory.createURI("https://vankien.example.org/ontology#shortcut");
    static final Node SH_CLASS = NodeFactory.createURI("http://www.w3.org/ns/shacl#class");
    static final Node SH_INVERSE = NodeFactory.createURI("http://www.w3.org/ns/shacl#inversePath");

    public static void main(String[] args) throws Exception {
        Map<String, List<String>> opts = new HashMap<>();
        String key = null;
        for (String a : args) {
            if (a.startsWith("--")) {
                key = a.substring(2);
                opts.computeIfAbsent(key, k -> new ArrayList<>());
                if (key.equals("whole") || key.equals("timings")) key = null;
            } else if (key != null) {
                opts.get(key).add(a);
            }
        }
        if (!opts.containsKey("shapes") || !opts.containsKey("data")) {
            System.err.println("usage: --shapes FILE [--context FILE]... --data FILE [--lang LANG] [--whole] "
                    + "[--bucket-triples N] [--threads N] [--tmp DIR]");
            System.exit(2);
        }
        PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false, StandardCharsets.UTF_8);
        Validate v = new Validate(opts, out);
        try {
            v.run();
        } catch (org.apache.jena.riot.RiotException e) {
            System.err.println("cannot read: " + e.getMessage());
            System.exit(2);
        }
        out.flush();
    }

    final Map<String, List<String>> opts;
    final PrintStream out;
    final Shapes shapes;
    final Graph context = GraphFactory.createDefaultGraph();
    final Set<Node> typeClasses = new HashSet<>();       // classes whose instances may satisfy an sh:class
    final Set<Node> inversePredicates = new HashSet<>(); // predicates of the shapes' inverse paths
    final Set<Node> contextSubjects = new HashSet<>();
    final Path data;
    final Lang lang;

    Validate(Map<String, List<String>> opts, PrintStream out) {
        this.opts = opts;
        this.out = out;
        Graph shapesGraph = RDFParser.source(opts.get("shapes").get(0)).toGraph();
        shapes = Shapes.parse(shapesGraph);
        for (String f : opts.getOrDefault("context", List.of())) {
            RDFParser.source(f).parse(context);
        }
        context.find().forEachRemaining(t -> contextSubjects.add(t.getSubject()));
        // the classes an sh:class asks for, and all their sub-classes in the context (the data adds none:
        // a data file that states rdfs:subClassOf is validated whole)
        List<Node> todo = new ArrayList<>();
        shapesGraph.find(Node.ANY, SH_CLASS, Node.ANY).forEachRemaining(t -> todo.add(t.getObject()));
        while (!todo.isEmpty()) {
            Node c = todo.remove(todo.size() - 1);
            if (typeClasses.add(c)) {
                context.find(Node.ANY, RDFS.subClassOf.asNode(), c).forEachRemaining(t -> todo.add(t.getSubject()));
            }
        }
        shapesGraph.find(Node.ANY, SH_INVERSE, Node.ANY).forEachRemaining(t -> inversePredicates.add(t.getObject()));
        data = Path.of(opts.get("data").get(0));
        String l = opts.containsKey("lang") && !opts.get("lang").isEmpty() ? opts.get("lang").get(0) : null;
        lang = l != null ? RDFLanguages.nameToLang(l) : RDFLanguages.filenameToLang(data.toString(), Lang.TURTLE);
    }

    int intOpt(String name, int dflt) {
        List<String> v = opts.get(name);
        return v == null || v.isEmpty() ? dflt : Integer.parseInt(v.get(0));
    }

    RDFParser parser(Path file, Lang l) {
        return RDFParser.source(file).lang(l).labelToNode(LabelToNode.createUseLabelAsGiven()).checking(false).build();
    }

    void run() throws Exception {
        if (opts.containsKey("whole")) {
            whole("whole");
        } else {
            partitioned();
        }
    }

    // --- the whole graph at once ------------------------------------------------------------------
    void whole(String mode) {
        Graph g = GraphFactory.createDefaultGraph();
        parser(data, lang).parse(tripleSink(g::add));
        phase("read");
        long triples = g.size();
        context.find().forEachRemaining(g::add);
        ValidationReport report = ShaclValidator.get().validate(shapes, g);
        phase("validation");
        for (ReportEntry e : report.getEntries()) {
            print(e);
        }
        out.println("T\t" + triples + "\t" + report.conforms() + "\t" + mode + "\t1");
    }

    static StreamRDF tripleSink(java.util.function.Consumer<Triple> sink) {
        return new StreamRDFBase() {
            @Override public void triple(Triple t) { sink.accept(t); }
            @Override public void quad(Quad q) { sink.accept(q.asTriple()); }
        };
    }

    // --- in partitions ----------------------------------------------------------------------------
    static long hash(String s) {       // 64-bit FNV-1a, then a final mix
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    static int bucket(String nt, int n) {
        return (int) Long.remainderUnsigned(hash(nt), n);
    }

    /** Which data nodes have an rdf:type among typeClasses: node hash -> bit set over classIndex. */
    final LongLongMap types = new LongLongMap();
    final List<Node> classList = new ArrayList<>();
    final Map<Node, Integer> classIndex = new HashMap<>();
    final List<Triple> inverseTriples = new ArrayList<>();
    final Set<Node> contextSubjectsInData = new HashSet<>();
    volatile String fallback = null;

    void partitioned() throws Exception {
        for (Node c : typeClasses) {
            classIndex.put(c, classList.size());
            classList.add(c);
        }
        if (classList.size() > 64) {
            whole("whole (too many classes for the type index)");
            return;
        }
        Path tmp = Files.createTempDirectory(opts.containsKey("tmp") ? Path.of(opts.get("tmp").get(0)) :
                Path.of(System.getProperty("java.io.tmpdir")), "vankien-shacl-");
        try {
            partitioned(tmp);
        } finally {
            try (var files = Files.walk(tmp)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    void partitioned(Path tmp) throws Exception {
        long bucketTriples = intOpt("bucket-triples", 150_000);
        // pass 1: the file into subject buckets (N-Triples), the type index, the inverse-path triples
        long estimate = Math.max(1, Files.size(data) / 120);     // ~120 bytes a triple in Turtle / N-Triples
        int n = (int) Math.max(1, Math.min(4096, (estimate + bucketTriples - 1) / bucketTriples));
        Writers subjects = new Writers(tmp, "s", n);
        AtomicLong read = new AtomicLong();
        Node type = RDF.type.asNode(), subClass = RDFS.subClassOf.asNode();
        parser(data, lang).parse(tripleSink(t -> {
            read.incrementAndGet();
            Node s = t.getSubject(), p = t.getPredicate(), o = t.getObject();
            if ((p.equals(subClass) || p.equals(SHORTCUT)) && !context.contains(t)) {
                fallback = "the data states " + nt(p);
            }
            String sNT = nt(s);
            if (p.equals(type)) {
                Integer i = classIndex.get(o);
                if (i != null) types.or(hash(sNT), 1L << i);
            }
            if (inversePredicates.contains(p)) {
                synchronized (inverseTriples) { inverseTriples.add(t); }
            }
            if (contextSubjects.contains(s)) contextSubjectsInData.add(s);
            subjects.write(bucket(sNT, n), sNT + " " + nt(p) + " " + nt(o) + " .\n");
        }));
        subjects.close();
        phase("pass 1: read, subject buckets (" + n + ")");
        if (fallback != null) {
            whole("whole (" + fallback + ")");
            return;
        }
        // pass 2: each subject bucket grouped by subject, its triples to the bucket of their owner
        Writers owners = new Writers(tmp, "o", n);
        for (int b = 0; b < n; b++) {
            Path f = subjects.path(b);
            Map<Node, List<Triple>> bySubject = new LinkedHashMap<>();
            parser(f, Lang.NTRIPLES).parse(tripleSink(t -> bySubject.computeIfAbsent(t.getSubject(), k -> new ArrayList<>()).add(t)));
            Files.delete(f);
            for (Map.Entry<Node, List<Triple>> e : bySubject.entrySet()) {
                Node owner = e.getKey();
                Node source = null;
                int sources = 0;
                boolean typed = false;
                for (Triple t : e.getValue()) {
                    if (t.getPredicate().equals(RELATION_HAS_SOURCE)) {
                        sources++;
                        source = t.getObject();
                    } else if (t.getPredicate().equals(type)) {
                        typed = true;
                    }
                }
                if (sources == 1) {
                    owner = source;
                } else if (sources > 1 && typed) {
                    fallback = "a node with " + sources + " rico:relationHasSource";
                }
                int ob = bucket(nt(owner), n);
                StringBuilder sb = new StringBuilder();
                for (Triple t : e.getValue()) {
                    sb.append(nt(t.getSubject())).append(' ').append(nt(t.getPredicate()))
                      .append(' ').append(nt(t.getObject())).append(" .\n");
                }
                owners.write(ob, sb.toString());
            }
        }
        owners.close();
        phase("pass 2: owner buckets");
        if (fallback != null) {
            whole("whole (" + fallback + ")");
            return;
        }
        // pass 3: each owner bucket with its context, validated (in parallel), the results of its own nodes
        int threads = Math.max(1, intOpt("threads", Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong triples = new AtomicLong();
        List<Future<Boolean>> done = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            final int bucket = b;
            done.add(pool.submit(() -> validateBucket(owners.path(bucket), bucket, triples)));
        }
        boolean conforms = true;
        for (Future<Boolean> f : done) conforms &= f.get();
        pool.shutdown();
        phase("pass 3: validation of the partitions");
        out.println("T\t" + triples.get() + "\t" + conforms + "\tpartitioned\t" + n);
    }

    boolean validateBucket(Path file, int bucket, AtomicLong triples) throws IOException {
        Graph g = GraphFactory.createDefaultGraph();
        parser(file, Lang.NTRIPLES).parse(tripleSink(g::add));
        Files.delete(file);
        Set<Node> own = new HashSet<>();
        Set<Node> objects = new HashSet<>();
        g.find().forEachRemaining(t -> {
            own.add(t.getSubject());
            if (!t.getObject().isLiteral()) objects.add(t.getObject());
        });
        triples.addAndGet(g.size());
        Node type = RDF.type.asNode();
        for (Node o : objects) {
            long mask = types.get(hash(nt(o)));
            for (int i = 0; mask != 0; i++, mask >>>= 1) {
                if ((mask & 1) != 0) g.add(Triple.create(o, type, classList.get(i)));
            }
        }
        for (Triple t : inverseTriples) g.add(t);
        context.find().forEachRemaining(g::add);
        ValidationReport report = ShaclValidator.get().validate(shapes, g);
        boolean conforms = true;
        for (ReportEntry e : report.getEntries()) {
            Node f = e.focusNode();
            boolean mine = own.contains(f)
                    || (bucket == 0 && contextSubjects.contains(f) && !contextSubjectsInData.contains(f));
            if (mine) {
                conforms = false;
                print(e);
            }
        }
        return conforms;
    }

    long started = System.nanoTime();

    /** With --timings: seconds since the last phase, on standard error. */
    void phase(String what) {
        long now = System.nanoTime();
        if (opts.containsKey("timings")) System.err.printf("%s: %.1f s%n", what, (now - started) / 1e9);
        started = now;
    }

    synchronized void print(ReportEntry e) {
        String path = "";
        if (e.resultPath() instanceof P_Link link) {
            path = nt(link.getNode());
        } else if (e.resultPath() instanceof P_Inverse inv && inv.getSubPath() instanceof P_Link link) {
            path = "^" + nt(link.getNode());
        } else if (e.resultPath() != null) {
            path = e.resultPath().toString();
        }
        out.println(String.join("\t", "R", nt(e.severity().level()), clean(e.message()), clean(path),
                e.focusNode() == null ? "" : nt(e.focusNode()),
                e.value() == null ? "" : nt(e.value()),
                e.sourceConstraintComponent() == null ? "" : nt(e.sourceConstraintComponent())));
    }

    /** A term in N-Triples form (never abbreviated, unlike Turtle's true / 1 / 1.0). */
    static String nt(Node n) {
        org.apache.jena.atlas.io.IndentedLineBuffer b = new org.apache.jena.atlas.io.IndentedLineBuffer();
        NT.format(b, n);
        return b.asString();
    }

    static final org.apache.jena.riot.out.NodeFormatterNT NT = new org.apache.jena.riot.out.NodeFormatterNT();

    static String clean(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    /** N buckets of N-Triples files, each written through its own buffer. */
    static final class Writers {
        final Path dir;
        final String prefix;
        final OutputStream[] streams;

        Writers(Path dir, String prefix, int n) throws IOException {
            this.dir = dir;
            this.prefix = prefix;
            streams = new OutputStream[n];
            for (int i = 0; i < n; i++) {
                streams[i] = new BufferedOutputStream(Files.newOutputStream(path(i)), 1 << 15);
            }
        }

        Path path(int i) {
            return dir.resolve(prefix + i + ".nt");
        }

        void write(int i, String text) {
            try {
                streams[i].write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        void close() throws IOException {
            for (OutputStream s : streams) s.close();
        }
    }

    /** An open-addressing map from long to long (0 = absent value), for the type index. */
    static final class LongLongMap {
        long[] keys = new long[1 << 16];
        long[] values = new long[1 << 16];
        boolean[] used = new boolean[1 << 16];
        int size;

        synchronized void or(long key, long bits) {
            if (2 * (size + 1) > keys.length) grow();
            int i = slot(key);
            if (!used[i]) {
                used[i] = true;
                keys[i] = key;
                size++;
            }
            values[i] |= bits;
        }

        synchronized long get(long key) {
            int i = slot(key);
            return used[i] ? values[i] : 0;
        }

        int slot(long key) {
            int mask = keys.length - 1;
            int i = (int) (key ^ (key >>> 32)) & mask;
            while (used[i] && keys[i] != key) i = (i + 1) & mask;
            return i;
        }

        void grow() {
            long[] k = keys, v = values;
            boolean[] u = used;
            keys = new long[k.length * 2];
            values = new long[k.length * 2];
            used = new boolean[k.length * 2];
            for (int i = 0; i < k.length; i++) {
                if (u[i]) {
                    int j = slot(k[i]);
                    used[j] = true;
                    keys[j] = k[i];
                    values[j] = v[i];
                }
            }
        }
    }
}
