export const ESCO_ATTRIBUTION = 'This service uses the ESCO classification of the European Commission.';

const EXAMPLES: { title: string; query: string }[] = [
  {
    title: 'An occupation with its essential skills',
    query: `{ occupation(uri: "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1") {
    preferredLabel code iscoGroup { code preferredLabel }
    essentialSkills { preferredLabel skillType reuseLevel } } }`,
  },
  {
    title: 'Search (typo-tolerant, prefix-aware)',
    query: '{ search(text: "sofware develop", types: [OCCUPATION], first: 5) { totalCount nodes { matchedLabel score concept { uri } } } }',
  },
  {
    title: 'A page of digital skills',
    query: '{ skills(filter: { collection: DIGITAL, skillType: KNOWLEDGE }, first: 20) { totalCount nodes { preferredLabel } pageInfo { endCursor hasNextPage } } }',
  },
];

const SPARQL_EXAMPLE = `PREFIX esco: <http://data.europa.eu/esco/model#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?occupation ?label WHERE { ?occupation a esco:Occupation ; skos:prefLabel ?label FILTER(lang(?label) = "en") } LIMIT 10`;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The page at `/`: what the service is, the attribution ESCO requires, and queries to start from. */
export function landingPage(versions: string[]): string {
  const examples = EXAMPLES.map(
    (e) => `<h3>${escape(e.title)}</h3><pre>${escape(e.query)}</pre>
<p><a href="/graphql?query=${encodeURIComponent(e.query)}">run it (GET /graphql)</a></p>`,
  ).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>escograph</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{background:#f4f4f4;padding:.75rem;overflow-x:auto}</style>
</head><body>
<h1>escograph</h1>
<p>A GraphQL and SPARQL API over ESCO, the European classification of occupations and skills.
Versions: ${escape(versions.join(', ') || 'none imported')}.</p>
<p><strong>${ESCO_ATTRIBUTION}</strong></p>
<h2>GraphQL — <code>POST /graphql</code></h2>
<pre>curl -s localhost:4000/graphql -H 'content-type: application/json' -d '{"query":"{ versions { version isDefault } }"}'</pre>
${examples}
<h2>SPARQL — <code>/sparql</code> (read-only, SPARQL 1.1 Protocol)</h2>
<pre>${escape(SPARQL_EXAMPLE)}</pre>
<p><a href="/sparql?query=${encodeURIComponent(SPARQL_EXAMPLE)}&amp;format=json">run it (JSON)</a> ·
<a href="/sparql?query=${encodeURIComponent(SPARQL_EXAMPLE)}&amp;format=csv">CSV</a></p>
</body></html>
`;
}
