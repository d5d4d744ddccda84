import oxigraph from 'oxigraph';
import { expect, test } from 'vitest';
import { parseTsvResults } from './tsv-rows.js';

test('TSV results read back as the values and language tags of oxigraph\'s own terms', () => {
  const store = new oxigraph.Store();
  store.load(`<urn:a> <urn:p> "line1\\nline2\\t\\"quoted\\" back\\\\slash é 🙂"@fr-ch .
<urn:a> <urn:p> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .
<urn:a> <urn:p> "-1.5"^^<http://www.w3.org/2001/XMLSchema#decimal> .
<urn:a> <urn:p> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .
<urn:a> <urn:p> "2016-07-05T13:58:41Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> .
<urn:a> <urn:p> "plain" .
<urn:a> <urn:p> "control \\u0007 char" .
<urn:a> <urn:p> <http://data.europa.eu/esco/skill/x?y=1#z> .
`, { format: 'application/n-triples' });
  const query = 'SELECT ?o ?unbound WHERE { <urn:a> <urn:p> ?o OPTIONAL { ?o <urn:none> ?unbound } } ORDER BY ?o';
  const terms = (store.query(query) as Map<string, oxigraph.Term>[]).map((row) => {
    const o = row.get('o')!;
    return { o: { value: o.value, language: o.termType === 'Literal' ? o.language : '' } };
  });
  const rows = parseTsvResults(store.query(query, { results_format: 'tsv' }) as string);
  expect(rows).toEqual(terms);
  expect(rows).toHaveLength(8);
});

test('a row whose only variable is unbound is an empty row, not skipped', () => {
  const store = new oxigraph.Store();
  expect(parseTsvResults(store.query('SELECT ?x WHERE { OPTIONAL { ?x <urn:p> ?y } }', { results_format: 'tsv' }) as string)).toEqual([{}]);
});
