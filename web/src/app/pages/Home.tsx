import { Link } from 'wouter';
import { VERSIONS, type Versions } from '../api/documents.js';
import { GRAPHQL_EXAMPLES, SPARQL_EXAMPLE } from '../examples.js';
import { useQuery } from '../use-query.js';

const ideLink = (query: string) => `/graphql?query=${encodeURIComponent(query)}`;
const sparqlLink = (format: string) => `/sparql?query=${encodeURIComponent(SPARQL_EXAMPLE)}&format=${format}`;

export function Home() {
  const { data, error } = useQuery<Versions>(VERSIONS, {}, false, { keep: true });
  const current = data?.versions.find((v) => v.isDefault);
  return (
    <>
      <h1>escograph</h1>
      <p className="lead">
        ESCO, the European classification of occupations, skills and qualifications, as a knowledge graph: link a
        programme's learning outcomes to ESCO skills, review them, and compare them with the occupations they prepare for.
      </p>
      {error && <p className="error" role="alert">{error}</p>}
      {current && (
        <p>
          ESCO {current.version}: {current.occupations.toLocaleString()} occupations, {current.skills.toLocaleString()} skills
          {' '}in {current.languages.join(', ')}. Linking uses {data!.linkingBackend.used}
          {data!.linkingBackend.notice ? ` (${data!.linkingBackend.notice})` : ''}.
        </p>
      )}
      <section className="cards">
        <article className="card">
          <h2><Link href="/linking">Link learning outcomes</Link></h2>
          <p>Paste or open a programme, check how it is split into outcomes, accept or reject the suggested ESCO skills,
            compare with occupations, and export the result as a Europass credential or CSV.</p>
        </article>
        <article className="card">
          <h2><a href="/graphql">GraphQL IDE</a></h2>
          <p>Explore the schema with documentation and autocompletion, and run the examples below.</p>
        </article>
      </section>
      <h2>Example queries</h2>
      <ul className="examples">
        {GRAPHQL_EXAMPLES.map((example) => (
          <li key={example.title}>
            <h3>{example.title}</h3>
            <pre>{example.query}</pre>
            <a href={ideLink(example.query)}>Open in the IDE: {example.title}</a>
          </li>
        ))}
        <li>
          <h3>SPARQL (read-only, SPARQL 1.1 Protocol at /sparql)</h3>
          <pre>{SPARQL_EXAMPLE}</pre>
          <a href={sparqlLink('json')}>Run the SPARQL example (JSON)</a> · <a href={sparqlLink('csv')}>as CSV</a>
        </li>
      </ul>
    </>
  );
}
