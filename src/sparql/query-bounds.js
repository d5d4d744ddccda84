// Bounds checked in the query worker, before a query reaches oxigraph: a query nested deep enough overflows the
// WebAssembly stack ("memory access out of bounds") and leaves the store unusable, and a query without a LIMIT can
// build a result of gigabytes before any size check sees it. Parsing with sparqljs takes about 1 ms for a small
// query and 250 ms for 100,000 characters, which is why it runs here and not on the server's event loop.
// Plain JavaScript, as query-worker.js, for the same reason.
import sparqljs from 'sparqljs';

const parser = new sparqljs.Parser({ sparqlStar: true });

export class BoundError extends Error {
  constructor(message) {
    super(message);
    this.status = 400;
  }
}

/**
 * Nesting depth and size of the parsed query, walked without recursion: the tree of `?a + ?a + …` is as deep as
 * the sum is long. Each level of nesting in the query is two in the tree (an object and the array holding it).
 */
function measure(tree) {
  let depth = 0;
  let patterns = 0;
  const stack = [[tree, 0]];
  while (stack.length > 0) {
    const [node, level] = stack.pop();
    if (level > depth) depth = level;
    if ('subject' in node && 'predicate' in node && 'object' in node) patterns++;
    else if (node.type === 'path') patterns += node.items.length - 1;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, level + 1]);
    }
  }
  return { depth: Math.ceil(depth / 2), patterns };
}

/**
 * Checks a query against the bounds and caps the rows a SELECT can produce: a SELECT without a LIMIT gets one a row
 * past `maxRows`, so that a result over the cap is found after that row instead of after the whole cartesian
 * product. Returns the query to run and the row cap to check its result against (none when it cannot exceed it).
 * A query sparqljs cannot parse (a syntax error, or syntax only oxigraph knows) goes on unchanged: oxigraph's own
 * message names the error's position, and the caller's bracket-depth check and the worker's memory cap still hold.
 */
export function boundQuery(query, { maxDepth, maxTriplePatterns, maxRows }) {
  let parsed;
  try {
    parsed = parser.parse(query);
  } catch {
    return { query, rowCap: undefined };
  }
  const { depth, patterns } = measure(parsed);
  if (depth > maxDepth + 4) {
    throw new BoundError(`the query's patterns or expressions nest ${depth} levels deep; the limit is ${maxDepth}`);
  }
  if (patterns > maxTriplePatterns) {
    throw new BoundError(`the query has ${patterns} triple patterns and path steps; the limit is ${maxTriplePatterns}`);
  }
  if (parsed.queryType !== 'SELECT') return { query, rowCap: undefined };
  if (parsed.limit !== undefined) {
    if (parsed.limit > maxRows) throw new BoundError(`LIMIT ${parsed.limit} is over this endpoint's limit of ${maxRows} rows`);
    return { query, rowCap: undefined };
  }
  // A trailing VALUES block must stay last, so a LIMIT cannot be appended after it.
  if (parsed.values) throw new BoundError(`add a LIMIT (at most ${maxRows} rows) to a query that ends with VALUES`);
  return { query: `${query}\nLIMIT ${maxRows + 1}`, rowCap: maxRows };
}

/** Rows in a serialized SELECT result, read the way oxigraph writes each format. */
export function countRows(text, format) {
  switch (format) {
    case 'application/sparql-results+xml':
      return text.split('<result>').length - 1;
    case 'text/tab-separated-values':
      return text.split('\n').length - 2;
    case 'text/csv':
      return countOutsideQuotes(text, '\r\n', '"') - 1;
    default:
      return countJsonBindings(text);
  }
}

/** CSV quotes double their quotes, so toggling on every quote tells inside from outside. */
function countOutsideQuotes(text, separator, quote) {
  let count = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === quote) quoted = !quoted;
    else if (!quoted && text.startsWith(separator, i)) count++;
  }
  return count;
}

/** Objects opened directly inside `results.bindings`: the third level of SPARQL JSON. */
function countJsonBindings(text) {
  let count = 0;
  let level = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (level === 3 && c === '{') count++;
      level++;
    } else if (c === '}' || c === ']') level--;
  }
  return count;
}
