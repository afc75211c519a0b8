// Lints every statement in cypher/ with Neo4j's Cypher front end (@neo4j-cypher/language-support),
// which runs offline: syntax, semantics (undefined variables, wrong types) and unknown functions
// and procedures. Templates holding {{maxDepth}} are linted at every depth the store can write
// into them, 1 to MaxDepth; templates holding {{relations}} with every relationship type the store
// can write there (all nine as one alternation, at every depth) and with each type alone (at
// depth 1); templates holding {{label}} with each label the store can write there. Exits 1 on any
// error; warnings are printed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintCypherQuery, isNotParamError, testData } from '@neo4j-cypher/language-support';

// The Neo4j store refuses a depth cap above this (Neo4jLineageStore.MaxDepthCap); a test there checks the two agree.
const MaxDepth = 100;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const kinds = ['Dataset', 'Feature', 'CodeVersion', 'HyperparameterSet', 'Model', 'Run', 'Job', 'Deployment'];
const relations = ['INPUT_TO', 'PRODUCED', 'EXECUTED_IN', 'CONFIGURED', 'DERIVES', 'DEPLOYED_AS', 'NEXT_VERSION', 'INSTANCE_OF', 'CHILD_OF'];
const schema = {
  labels: ['Entity', ...kinds],
  relationshipTypes: relations,
  propertyKeys: ['key', 'kind', 'namespace', 'name', 'version', 'description', 'tags', 'owners', 'properties',
    'fields', 'recordedAt', 'updatedAt', 'retiredAt', 'current', 'role', 'from', 'to', 'relation', 'props',
    'revision', 'writeLock', 'created', 'lowerNamespace', 'lowerName', 'lowerDescription', 'sortKey'],
  // Neo4j's own catalogue of built-in functions and procedures, shipped with the package, so that
  // a misspelt or unknown function is an error here as it would be on the server.
  functions: testData.mockSchema.functions,
  procedures: testData.mockSchema.procedures,
  defaultLanguage: 'CYPHER 5',
};

function* cypherFiles(folder) {
  for (const entry of readdirSync(folder)) {
    const path = join(folder, entry);
    if (entry === 'node_modules' || entry === 'lint') continue;
    if (statSync(path).isDirectory()) yield* cypherFiles(path);
    else if (entry.endsWith('.cypher')) yield path;
  }
}

let statements = 0;
let variants = 0;
let errors = 0;
let warnings = 0;
for (const file of cypherFiles(root)) {
  const name = relative(root, file);
  const text = readFileSync(file, 'utf8');
  statements++;
  const depths = text.includes('{{maxDepth}}') ? Array.from({ length: MaxDepth }, (_, i) => i + 1) : [null];
  // The store writes the types in name order, joined by '|' (CypherStatements.Typed).
  const typeSets = text.includes('{{relations}}') ? [[...relations].sort().join('|'), ...relations] : [null];
  // A listing's label: Entity, or one kind's (CypherStatements.Labelled).
  const labels = text.includes('{{label}}') ? ['Entity', ...kinds] : [null];
  const variantsOfFile = depths.flatMap(depth => typeSets
    .filter((types, i) => i === 0 || depth === null || depth === 1)
    .map(types => ({ depth, types })))
    .flatMap(variant => labels.map(label => ({ ...variant, label })));
  const reported = new Set();
  for (const { depth, types, label } of variantsOfFile) {
    let statement = depth === null ? text : text.replaceAll('{{maxDepth}}', String(depth));
    statement = types === null ? statement : statement.replaceAll('{{relations}}', types);
    statement = label === null ? statement : statement.replaceAll('{{label}}', label);
    variants++;
    for (const d of lintCypherQuery(statement, schema).diagnostics) {
      if (!isNotParamError(d)) continue;
      const variant = [depth === null ? null : `depth ${depth}`, types, label].filter(v => v !== null).join(', ');
      const line = `${name}${variant === '' ? '' : ` (${variant})`}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`;
      const key = `${d.severity}|${d.message}|${d.range.start.line}|${d.range.start.character}`;
      if (d.severity === 1) {
        errors++;
        console.error(`error ${line}`);
      } else if (!reported.has(key)) {
        warnings++;
        console.warn(`warning ${line}`);
      }
      reported.add(key);
    }
  }
}

console.log(`cypher lint: ${statements} files, ${variants} statements checked, ${errors} errors, ${warnings} warnings`);
process.exit(errors === 0 && statements > 0 ? 0 : 1);
