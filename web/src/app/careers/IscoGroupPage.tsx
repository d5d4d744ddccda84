import { Link } from 'wouter';
import { ISCO_GROUP, type IscoGroupResult } from '../api/explorer-documents.js';
import { useQuery } from '../use-query.js';
import { IscoCardGrid } from './CareersHome.js';
import { iscoPath, occupationPath } from './links.js';

/** An ISCO group: its sub-groups as cards, or, for a unit group, its occupations. */
export function IscoGroupPage({ code }: { code: string }) {
  const { data, error, loading } = useQuery<IscoGroupResult>(ISCO_GROUP, { code });
  const group = data?.iscoGroup;
  if (loading && !group) return <p role="status">Loading ISCO group {code}…</p>;
  if (error) return <p role="alert" className="error">{error}</p>;
  if (!group) return <p role="alert" className="error">There is no ISCO group {code}. <Link href="/careers">All career fields</Link></p>;
  const path = [...group.ancestors].reverse().filter((a) => a.code);
  const subCodes = group.narrower.filter((n) => n.type === 'ISCO_GROUP').map((n) => n.code).filter((c): c is string => Boolean(c)).sort();
  return (
    <>
      <nav aria-label="ISCO path" className="trail">
        <Link href="/careers">Career fields</Link>
        {path.map((a) => <Link key={a.uri} href={iscoPath(a.code!)}>{a.preferredLabel}</Link>)}
      </nav>
      <h1>{group.preferredLabel} <span className="meta">ISCO {group.code}</span></h1>
      {group.description && <p>{group.description}</p>}
      {subCodes.length > 0 && <IscoCardGrid codes={subCodes} />}
      {group.occupations.length > 0 && (
        <>
          <h2>{group.occupations.length} careers</h2>
          <ul className="columns">
            {[...group.occupations].sort((a, b) => (a.preferredLabel ?? '').localeCompare(b.preferredLabel ?? '')).map((o) => (
              <li key={o.uri}><Link href={occupationPath(o.uri)}>{o.preferredLabel}</Link></li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
