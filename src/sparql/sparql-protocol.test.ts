import { describe, expect, test } from 'vitest';
import { negotiateFormat, parseSparqlRequest, queryForm } from './sparql-protocol.js';

describe('queryForm', () => {
  test('reads the form after the prologue, ignoring keywords in IRIs, strings and comments', () => {
    expect(queryForm('PREFIX ex: <http://example.org/insert#>\n# DELETE everything\nselect * { ?s ?p "INSERT" }')).toBe('SELECT');
    expect(queryForm('BASE <http://x/> PREFIX : <http://y/> CONSTRUCT WHERE { ?s ?p ?o }')).toBe('CONSTRUCT');
    expect(queryForm('ASK {}')).toBe('ASK');
    expect(queryForm('DESCRIBE <http://x>')).toBe('DESCRIBE');
    expect(queryForm('INSERT DATA { <a:b> <a:c> <a:d> }')).toBeUndefined();
  });
});

describe('parseSparqlRequest', () => {
  const url = (search: string) => new URL(`http://localhost/sparql${search}`);

  test('GET, form-encoded POST and application/sparql-query POST, with graphs and version', () => {
    expect(parseSparqlRequest('GET', url('?query=ASK%7B%7D&default-graph-uri=urn:g&version=v1.1.0'), '', '')).toEqual({
      query: 'ASK{}', defaultGraphs: ['urn:g'], namedGraphs: [], version: 'v1.1.0',
    });
    expect(parseSparqlRequest('POST', url(''), 'application/x-www-form-urlencoded', 'query=ASK%7B%7D&named-graph-uri=urn:n').namedGraphs).toEqual(['urn:n']);
    expect(parseSparqlRequest('POST', url(''), 'application/sparql-query', 'ASK {}').query).toBe('ASK {}');
  });

  test('refuses updates (403), missing queries (400), other methods (405) and content types (415)', () => {
    const status = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as { status: number }).status;
      }
      return 200;
    };
    expect(status(() => parseSparqlRequest('POST', url(''), 'application/sparql-update', 'CLEAR ALL'))).toBe(403);
    expect(status(() => parseSparqlRequest('POST', url(''), 'application/x-www-form-urlencoded', 'update=CLEAR%20ALL'))).toBe(403);
    expect(status(() => parseSparqlRequest('GET', url('?query=DROP%20ALL'), '', ''))).toBe(403);
    expect(status(() => parseSparqlRequest('GET', url(''), '', ''))).toBe(400);
    expect(status(() => parseSparqlRequest('PUT', url('?query=ASK{}'), '', ''))).toBe(405);
    expect(status(() => parseSparqlRequest('POST', url(''), 'text/plain', 'ASK {}'))).toBe(415);
  });
});

describe('negotiateFormat', () => {
  test('picks by Accept with q-values, by the format parameter, and defaults per query form', () => {
    expect(negotiateFormat('SELECT', undefined)).toBe('application/sparql-results+json');
    expect(negotiateFormat('SELECT', 'text/csv;q=0.5, text/tab-separated-values')).toBe('text/tab-separated-values');
    expect(negotiateFormat('SELECT', 'text/*')).toBe('text/csv');
    expect(negotiateFormat('ASK', 'application/sparql-results+xml')).toBe('application/sparql-results+xml');
    expect(negotiateFormat('CONSTRUCT', '*/*')).toBe('text/turtle');
    expect(negotiateFormat('DESCRIBE', 'application/ld+json')).toBe('application/ld+json');
    expect(negotiateFormat('SELECT', 'text/html', 'csv')).toBe('text/csv');
    expect(negotiateFormat('SELECT', 'text/turtle')).toBeUndefined();
  });
});
