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
import org.apache.jena.shacl.engine.ValidationContext;
import org.apache.jena.shacl.parser.Shape;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.validation.VLib;
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
 *      --data FILE --lang TTL [--whole] [--bucket-triples N] [--threads N] [--tmp DIR] [--timings]
 *      [--jena-reader]                  (N-Triples read by Jena's parser, not by NTriples)
 * java -jar vankien-shacl.jar --shapes shapes.ttl --data FILE.nt --compare-readers
 *                                      (prints C, the triples, and whether both readers agree)
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
 * satisfy an sh:class of the shapes, plus every triple of an inverse path of the shapes; only the focus nodes
 * it owns are validated. ontology/validate.py explains why this equals the whole-graph validation and
 * when it falls back to the whole graph (the data changes the class hierarchy or the shortcuts, or a typed node
 * has more than one rico:relationHasSource).
 *
 * <p>Where the time goes (see {@link #partitioned(Path)}): the file is parsed once (N-Triples by
 * {@link NTriples} on THREADS ranges of lines at once, else by Jena), the partitions travel through temporary
 * files as compact binary records (no N-Triples written or parsed again), the shapes are parsed once, and
 * the partitions are validated on THREADS threads. Memory: the partitions being validated, plus an index of
 * about 40 bytes a typed node or qualified relation (its rdf:type classes, its source), by 64-bit hashes.
 * With --timings, each pass's wall and CPU time go to standard error.
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
                if (key.equals("whole") || key.equals("timings") || key.equals("compare-readers")
                        || key.equals("jena-reader")) key = null;
            } else if (key != null) {
                opts.get(key).add(a);
            }
        }
        if (!opts.containsKey("shapes") || !opts.containsKey("data")) {
            System.err.println("usage: --shapes FILE [--context FILE]... --data FILE [--lang LANG] [--whole] "
                    + "[--bucket-triples N] [--threads N] [--tmp DIR] [--timings] [--jena-reader] [--compare-readers]");
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
        if (opts.containsKey("compare-readers")) {
            compareReaders();
        } else if (opts.containsKey("whole")) {
            whole("whole");
        } else {
            partitioned();
        }
    }

    /** --compare-readers: the N-Triples reader and Jena's parser give the same triples, in the same order. */
    void compareReaders() throws IOException {
        List<Triple> fast = new ArrayList<>();
        String verdict;
        try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(data), 1 << 16)) {
            new NTriples(fast::add).read(in);
            long[] i = {0};
            String[] diff = {null};
            parser(data, Lang.NTRIPLES).parse(tripleSink(t -> {
                int k = (int) i[0]++;
                if (diff[0] == null && (k >= fast.size() || !fast.get(k).equals(t))) {
                    diff[0] = "triple " + k + ": " + (k < fast.size() ? fast.get(k) : "none") + " / " + t;
                }
            }));
            verdict = diff[0] != null ? "differ at " + diff[0] : i[0] != fast.size() ? "differ in count" : "same";
        } catch (NTriples.NotPlain e) {
            verdict = "left to Jena: " + e.getMessage();
        }
        out.println("C\t" + fast.size() + "\t" + verdict);
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
    static final long SEED_URI = 0xcbf29ce484222325L, SEED_BLANK = 0x84222325cbf29ce4L, SEED_OTHER = 0x9e3779b97f4a7c15L;

    static long hash(String s, long seed) {       // 64-bit FNV-1a, then a final mix
        long h = seed;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /** A node's 64-bit key (type index, owners, partitions), from its IRI or label: no N-Triples formatting. */
    static long key(Node n) {
        if (n.isURI()) return hash(n.getURI(), SEED_URI);
        if (n.isBlank()) return hash(n.getBlankNodeLabel(), SEED_BLANK);
        return hash(n.toString(), SEED_OTHER);
    }

    static int bucket(long key, int n) {
        return (int) Long.remainderUnsigned(key, n);
    }

    /** Which data nodes have an rdf:type among typeClasses: node key -> bit set over classIndex. */
    final LongLongMap types = new LongLongMap();
    /** The rico:relationHasSource of each node that has one: node key -> source key. */
    final LongLongMap sources = new LongLongMap();
    /** Nodes with more than one rico:relationHasSource (they own their triples themselves). */
    final Set<Long> manySources = new HashSet<>();
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

    static final byte TYPE_TRIPLE = 1;

    /**
     * Three passes, the file parsed once. Pass 1 parses it, keeps the small indexes (types, sources, inverse-path
     * triples) and writes each triple, encoded in a compact binary record headed by its subject's key, to the
     * bucket of its subject. Pass 2 copies each record's bytes, undecoded, to the bucket of the subject's owner
     * (now known: the sources are all read). Pass 3 decodes each owner bucket into a graph, adds what its nodes'
     * shapes read, and validates only the focus nodes it owns, in parallel.
     */
    void partitioned(Path tmp) throws Exception {
        long bucketTriples = intOpt("bucket-triples", 150_000);
        int threads = Math.max(1, intOpt("threads", Runtime.getRuntime().availableProcessors()));
        // pass 1: the file into subject buckets, the type index, the sources, the inverse-path triples
        long estimate = Math.max(1, Files.size(data) / 120);     // ~120 bytes a triple in Turtle / N-Triples
        int n = (int) Math.max(1, Math.min(4096, (estimate + bucketTriples - 1) / bucketTriples));
        Writers subjects = new Writers(tmp, "s", n);
        String reader = null;
        boolean parallel = threads > 1;
        final List<long[]> ranges = lang.equals(Lang.NTRIPLES) ? lineRanges(data, parallel ? threads : 1)
                : List.of(new long[] {0, Files.size(data)});
        if (lang.equals(Lang.NTRIPLES) && !opts.containsKey("jena-reader")) {
            // the fast reader, on THREADS ranges of lines at once; a line it leaves to Jena: all again with Jena
            try {
                runAll(threads, ranges.size(), r -> {
                    try (java.io.InputStream in = range(ranges.get(r))) {
                        new NTriples(splitter(subjects, n)).read(in);
                    }
                    return true;
                });
                reader = "N-Triples reader";      // the name the report shows
            } catch (NTriples.NotPlain e) {
                subjects.close();
                subjects.reopen();
                types.clear();
                sources.clear();
                manySources.clear();
                inverseTriples.clear();
                contextSubjectsInData.clear();
                fallback = null;
            }
        }
        if (reader != null) {
            // read
        } else if (lang.equals(Lang.NTRIPLES)) {
            // N-Triples is one triple a line: Jena reads the ranges of lines at once
            try {
                runAll(threads, ranges.size(), r -> {
                    try (java.io.InputStream in = range(ranges.get(r))) {
                        RDFParser.source(in).lang(lang).base(data.toUri().toString())
                                .labelToNode(LabelToNode.createUseLabelAsGiven()).checking(false).build()
                                .parse(tripleSink(splitter(subjects, n)));
                    }
                    return true;
                });
            } catch (org.apache.jena.riot.RiotException e) {
                parser(data, lang).parse(org.apache.jena.riot.system.StreamRDFLib.sinkNull());  // its line numbers
                throw e;
            }
            reader = "Jena";
        } else {
            parser(data, lang).parse(tripleSink(splitter(subjects, n)));
            reader = "Jena";
        }
        int readers = ranges.size();
        subjects.close();
        phase("pass 1: read (" + reader + ", " + readers + " at once), subject buckets (" + n + ")");
        if (fallback != null) {
            whole("whole (" + fallback + ")");
            return;
        }
        // pass 2: each record, as bytes, to the bucket of its subject's owner
        Writers owners = new Writers(tmp, "o", n);
        runAll(threads, n, b -> {
            Path f = subjects.path(b);
            try (java.io.DataInputStream in = new java.io.DataInputStream(
                    new java.io.BufferedInputStream(Files.newInputStream(f), 1 << 16))) {
                byte[] buf = new byte[1 << 12];
                while (true) {
                    long sk;
                    try {
                        sk = in.readLong();
                    } catch (java.io.EOFException end) {
                        break;
                    }
                    byte flags = in.readByte();
                    int len = in.readInt();
                    if (buf.length < Record.HEADER + len) buf = new byte[Math.max(2 * buf.length, Record.HEADER + len)];
                    in.readFully(buf, Record.HEADER, len);
                    Record.header(buf, sk, flags, len);
                    long owner = sk;
                    if (sources.containsKey(sk)) {
                        if (!manySources.contains(sk)) {
                            owner = sources.get(sk);
                        } else if ((flags & TYPE_TRIPLE) != 0) {
                            fallback = "a typed node with more than one rico:relationHasSource";
                        }
                    }
                    owners.write(bucket(owner, n), buf, 0, Record.HEADER + len);
                }
            }
            Files.delete(f);
            return true;
        });
        owners.close();
        phase("pass 2: owner buckets");
        if (fallback != null) {
            whole("whole (" + fallback + ")");
            return;
        }
        // pass 3: each owner bucket with what its shapes read, validated (in parallel), for the nodes it owns
        AtomicLong triples = new AtomicLong();
        boolean conforms = runAll(threads, n, b -> validateBucket(owners.path(b), b, triples));
        phase(String.format("pass 3: validation of the partitions (%d threads; CPU: read %.1f s, context %.1f s, "
                + "SHACL %.1f s)", threads, spent[0].get() / 1e9, spent[1].get() / 1e9, spent[2].get() / 1e9));
        out.println("T\t" + triples.get() + "\t" + conforms + "\tpartitioned (" + reader + ")\t" + n);
    }

    /** What pass 1 does with each triple (one such consumer per reading thread). */
    java.util.function.Consumer<Triple> splitter(Writers subjects, int n) {
        Node type = RDF.type.asNode(), subClass = RDFS.subClassOf.asNode();
        Record rec = new Record();
        return t -> {
            Node s = t.getSubject(), p = t.getPredicate(), o = t.getObject();
            if ((p.equals(subClass) || p.equals(SHORTCUT)) && !context.contains(t)) {
                fallback = "the data states " + nt(p);
            }
            long sk = key(s);
            boolean isType = p.equals(type);
            if (isType) {
                Integer i = classIndex.get(o);
                if (i != null) types.or(sk, 1L << i);
            } else if (p.equals(RELATION_HAS_SOURCE)) {
                if (!sources.putIfAbsentOrSame(sk, key(o))) {
                    synchronized (manySources) { manySources.add(sk); }
                }
            }
            if (inversePredicates.contains(p)) {
                synchronized (inverseTriples) { inverseTriples.add(t); }
            }
            if (contextSubjects.contains(s)) {
                synchronized (contextSubjectsInData) { contextSubjectsInData.add(s); }
            }
            if (!rec.encode(sk, isType ? TYPE_TRIPLE : 0, t)) {
                fallback = "a term the partitions cannot carry (" + nt(s) + ")";
            }
            subjects.write(bucket(sk, n), rec.buf, 0, rec.len);
        };
    }

    /** The bytes [start, end) of the data file. */
    java.io.InputStream range(long[] r) throws IOException {
        return new Bounded(new java.io.BufferedInputStream(java.nio.channels.Channels.newInputStream(
                java.nio.channels.FileChannel.open(data).position(r[0])), 1 << 16), r[1] - r[0]);
    }

    /** PARTS ranges [start, end) of FILE's bytes, each ending after a line end (or at the file's end). */
    static List<long[]> lineRanges(Path file, int parts) throws IOException {
        long size = Files.size(file);
        List<long[]> ranges = new ArrayList<>();
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            long start = 0;
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 << 16);
            for (int i = 1; i <= parts && start < size; i++) {
                long end = i == parts ? size : Math.max(start, size * i / parts);
                while (end < size) {            // on to just after the next line end
                    b.clear();
                    int got = ch.read(b, end);
                    if (got <= 0) {
                        end = size;
                        break;
                    }
                    int j = 0;
                    while (j < got && b.get(j) != '\n') j++;
                    end += j;
                    if (j < got) {
                        end++;
                        break;
                    }
                }
                ranges.add(new long[] {start, end});
                start = end;
            }
        }
        return ranges;
    }

    /** At most LIMIT bytes of an input stream. */
    static final class Bounded extends java.io.FilterInputStream {
        long left;

        Bounded(java.io.InputStream in, long limit) {
            super(in);
            left = limit;
        }

        @Override public int read() throws IOException {
            if (left <= 0) return -1;
            int c = super.read();
            if (c >= 0) left--;
            return c;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) return -1;
            int got = super.read(b, off, (int) Math.min(len, left));
            if (got > 0) left -= got;
            return got;
        }

        @Override public long skip(long n) throws IOException {
            long got = super.skip(Math.min(n, left));
            left -= got;
            return got;
        }

        @Override public boolean markSupported() {
            return false;
        }

        @Override public int available() throws IOException {
            return (int) Math.min(super.available(), left);
        }
    }

    interface BucketTask {
        boolean run(int bucket) throws Exception;
    }

    /** TASK on buckets 0..N-1 on THREADS threads; the AND of the results. */
    static boolean runAll(int threads, int n, BucketTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> done = new ArrayList<>();
            for (int b = 0; b < n; b++) {
                final int bucket = b;
                done.add(pool.submit(() -> task.run(bucket)));
            }
            boolean all = true;
            Exception failed = null;
            for (Future<Boolean> f : done) {      // every task ended before returning or throwing
                try {
                    if (failed == null) all &= f.get();
                    else f.cancel(false);
                } catch (java.util.concurrent.ExecutionException e) {
                    failed = e.getCause() instanceof Exception x ? x : e;
                }
            }
            if (failed != null) {
                pool.shutdown();
                pool.awaitTermination(1, java.util.concurrent.TimeUnit.DAYS);
                throw failed;
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** Thread CPU time of pass 3's steps (--timings): reading a partition, adding what it reads, validating. */
    final AtomicLong[] spent = {new AtomicLong(), new AtomicLong(), new AtomicLong()};

    boolean validateBucket(Path file, int bucket, AtomicLong triples) throws IOException {
        long t0 = cpu();
        Graph g = GraphFactory.createDefaultGraph();
        Set<Node> own = new HashSet<>();
        Set<Node> objects = new HashSet<>();
        Record.Decoder dec = new Record.Decoder();
        try (java.io.DataInputStream in = new java.io.DataInputStream(
                new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            while (true) {
                try {
                    in.readLong();
                } catch (java.io.EOFException end) {
                    break;
                }
                in.readByte();
                Triple t = dec.read(in, in.readInt());
                g.add(t);
                own.add(t.getSubject());
                if (!t.getObject().isLiteral()) objects.add(t.getObject());
            }
        }
        Files.delete(file);
        long t1 = cpu();
        triples.addAndGet(g.size());
        Node type = RDF.type.asNode();
        for (Node o : objects) {
            long mask = types.get(key(o));
            for (int i = 0; mask != 0; i++, mask >>>= 1) {
                if ((mask & 1) != 0) g.add(Triple.create(o, type, classList.get(i)));
            }
        }
        for (Triple t : inverseTriples) g.add(t);
        context.find().forEachRemaining(g::add);
        long t2 = cpu();
        // only the focus nodes this partition owns are validated (the others are validated where they are
        // owned): the same results as validating all and keeping those of its own nodes, without the work
        ValidationContext vCxt = ValidationContext.create(shapes, g);
        for (Shape shape : shapes.getTargetShapes()) {
            for (Node focus : VLib.focusNodes(g, shape)) {
                if (own.contains(focus) || (bucket == 0 && contextSubjects.contains(focus)
                        && !contextSubjectsInData.contains(focus))) {
                    VLib.validateShape(vCxt, g, shape, focus);
                }
            }
        }
        ValidationReport report = vCxt.generateReport();
        for (ReportEntry e : report.getEntries()) print(e);
        long t3 = cpu();
        spent[0].addAndGet(t1 - t0);
        spent[1].addAndGet(t2 - t1);
        spent[2].addAndGet(t3 - t2);
        return report.conforms();
    }

    long started = System.nanoTime(), startedCpu = processCpu();

    static long processCpu() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    /** With --timings: wall and process CPU seconds since the last phase, on standard error. */
    void phase(String what) {
        long now = System.nanoTime(), cpu = processCpu();
        if (opts.containsKey("timings")) {
            System.err.printf("%s: %.1f s (CPU %.1f s)%n", what, (now - started) / 1e9, (cpu - startedCpu) / 1e9);
        }
        started = now;
        startedCpu = cpu;
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

    /** N bucket files, each written through its own buffer (by one thread at a time). */
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

        void reopen() throws IOException {
            for (int i = 0; i < streams.length; i++) {
                streams[i] = new BufferedOutputStream(Files.newOutputStream(path(i)), 1 << 15);
            }
        }

        Path path(int i) {
            return dir.resolve(prefix + i + ".bin");
        }

        void write(int i, byte[] bytes, int off, int len) {
            OutputStream s = streams[i];
            try {
                synchronized (s) {
                    s.write(bytes, off, len);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        void close() throws IOException {
            for (OutputStream s : streams) s.close();
        }
    }

    /**
     * A triple as a binary record: subject key (8 bytes), flags (1), length of the body (4), then the body: each
     * term as a tag byte and its strings (UTF-8, each after its length as 4 bytes). U: IRI; B: blank node label;
     * D: literal (lexical form, datatype IRI); L: literal with a language (lexical form, language, direction).
     */
    static final class Record {
        static final int HEADER = 13;
        byte[] buf = new byte[1 << 12];
        int len;

        boolean encode(long subjectKey, byte flags, Triple t) {
            len = HEADER;
            boolean ok = term(t.getSubject()) & term(t.getPredicate()) & term(t.getObject());
            header(buf, subjectKey, flags, len - HEADER);
            return ok;
        }

        static void header(byte[] b, long key, byte flags, int bodyLength) {
            for (int i = 0; i < 8; i++) b[i] = (byte) (key >>> (56 - 8 * i));
            b[8] = flags;
            for (int i = 0; i < 4; i++) b[9 + i] = (byte) (bodyLength >>> (24 - 8 * i));
        }

        boolean term(Node n) {
            if (n.isURI()) {
                tag('U');
                string(n.getURI());
            } else if (n.isBlank()) {
                tag('B');
                string(n.getBlankNodeLabel());
            } else if (n.isLiteral()) {
                String language = n.getLiteralLanguage();
                if (language != null && !language.isEmpty()) {
                    tag('L');
                    string(n.getLiteralLexicalForm());
                    string(language);
                    string(n.getLiteralTextDirection() == null ? "" : n.getLiteralTextDirection().direction());
                } else {
                    tag('D');
                    string(n.getLiteralLexicalForm());
                    string(n.getLiteralDatatypeURI());
                }
            } else {
                tag('U');           // a quoted triple or a variable: not in an export (validated whole)
                string(n.toString());
                return false;
            }
            return true;
        }

        void tag(char c) {
            ensure(1);
            buf[len++] = (byte) c;
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            ensure(4 + b.length);
            for (int i = 0; i < 4; i++) buf[len++] = (byte) (b.length >>> (24 - 8 * i));
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        void ensure(int more) {
            if (len + more > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(2 * buf.length, len + more));
        }

        /** Reads bodies back into triples; the IRIs of one partition shared (one Node each). */
        static final class Decoder {
            final Map<String, Node> iris = new HashMap<>();
            final org.apache.jena.datatypes.TypeMapper datatypes = org.apache.jena.datatypes.TypeMapper.getInstance();
            byte[] body = new byte[1 << 12];
            int at;

            Triple read(java.io.DataInputStream in, int length) throws IOException {
                if (body.length < length) body = new byte[Math.max(2 * body.length, length)];
                in.readFully(body, 0, length);
                at = 0;
                Node s = term(), p = term(), o = term();
                return Triple.create(s, p, o);
            }

            Node term() {
                char tag = (char) body[at++];
                switch (tag) {
                    case 'U':
                        return iris.computeIfAbsent(string(), NodeFactory::createURI);
                    case 'B':
                        return NodeFactory.createBlankNode(string());
                    case 'L': {
                        String lex = string(), language = string(), direction = string();
                        return direction.isEmpty() ? NodeFactory.createLiteralLang(lex, language)
                                : NodeFactory.createLiteralDirLang(lex, language, direction);
                    }
                    default: {
                        String lex = string(), datatype = string();
                        return NodeFactory.createLiteralDT(lex, datatypes.getSafeTypeByName(datatype));
                    }
                }
            }

            String string() {
                int n = ((body[at] & 0xff) << 24) | ((body[at + 1] & 0xff) << 16) | ((body[at + 2] & 0xff) << 8) | (body[at + 3] & 0xff);
                String s = new String(body, at + 4, n, StandardCharsets.UTF_8);
                at += 4 + n;
                return s;
            }
        }
    }

    /** An open-addressing map from long to long (0 = absent value), for the type index. */
    static final class LongLongMap {
        long[] keys = new long[1 << 16];
        long[] values = new long[1 << 16];
        boolean[] used = new boolean[1 << 16];
        int size;

        synchronized void or(long key, long bits) {
            values[claim(key)] |= bits;
        }

        synchronized void put(long key, long value) {
            values[claim(key)] = value;
        }

        /** The slot of KEY, taken for it if it was free (the caller holds the lock). */
        private int claim(long key) {
            if (2 * (size + 1) > keys.length) grow();
            int i = slot(key);
            if (!used[i]) {
                used[i] = true;
                keys[i] = key;
                size++;
            }
            return i;
        }

        synchronized void clear() {
            java.util.Arrays.fill(used, false);
            java.util.Arrays.fill(values, 0);
            size = 0;
        }

        /** Puts KEY -> VALUE unless KEY has another value (then false). */
        synchronized boolean putIfAbsentOrSame(long key, long value) {
            if (2 * (size + 1) > keys.length) grow();
            int i = slot(key);
            if (!used[i]) {
                used[i] = true;
                keys[i] = key;
                values[i] = value;
                size++;
                return true;
            }
            return values[i] == value;
        }

        synchronized boolean containsKey(long key) {
            return used[slot(key)];
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
