// Lints Cypher statements with Neo4j's own Cypher 5 parser and semantic analysis
// (@neo4j-cypher/language-support, with Neo4j's catalogue of built-in functions and procedures).
// Usage: node tests/neo4j_cypher_lint.js STATEMENTS.json  -> prints one JSON line per statement with problems.
const path = require("path");
const fs = require("fs");
const dir = process.env.CYPHER_LINT_DIR || path.join(__dirname, "..", ".cypher-lint");
const ls = require(require.resolve("@neo4j-cypher/language-support", { paths: [dir] }));
const catalogue = { functions: ls.testData.mockSchema.functions, procedures: ls.testData.mockSchema.procedures };
const statements = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
for (const statement of statements) {
  const found = ls.lintCypherQuery(statement, catalogue, true);
  const problems = (found.diagnostics || found)
    .map((d) => d.message)
    .filter((m) => !/^Parameter \$\w+ is not defined/.test(m));  // parameters are given at run time
  if (problems.length) console.log(JSON.stringify({ statement, problems }));
}
