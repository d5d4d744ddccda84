import { Link } from 'wouter';
import { ISCO_MAJOR_CODES, type IscoCards, iscoCardsQuery } from '../api/explorer-documents.js';
import { useQuery } from '../use-query.js';
import { iscoPath } from './links.js';
import { useProfile } from './profile-context.js';
import { SearchEsco } from './SearchEsco.js';

/** Cards for ISCO groups, with how many ESCO occupations each holds. */
export function IscoCardGrid({ codes }: { codes: string[] }) {
  const { data, error } = useQuery<IscoCards>(iscoCardsQuery(codes), {}, false, { keep: true });
  if (error) return <p role="alert" className="error">{error}</p>;
  if (!data) return <p role="status">Loading career fields…</p>;
  return (
    <ul className="cards isco-cards" aria-label="Career fields">
      {codes.map((code) => {
        const group = data[`g${code}`] as { preferredLabel: string | null } | null;
        const count = (data[`n${code}`] as { totalCount: number } | null)?.totalCount ?? 0;
        if (!group || count === 0) return null;
        return (
          <li key={code} className="card">
            <Link href={iscoPath(code)}>{group.preferredLabel ?? code}</Link>
            <p className="meta">ISCO {code} · {count.toLocaleString()} careers</p>
          </li>
        );
      })}
    </ul>
  );
}

export function CareersHome() {
  const { profile } = useProfile();
  return (
    <>
      <h1>Explore careers</h1>
      <SearchEsco />
      <p>
        Browse careers by field, open one to see the skills it needs, and add the skills you have to{' '}
        <Link href="/careers/my-skills">My skills ({profile.skills.length})</Link> to see which careers you are closest to.
        Educators can <Link href="/careers/educator">load learners' profiles</Link> to see which skills they hold.
      </p>
      <h2>Career fields</h2>
      <IscoCardGrid codes={ISCO_MAJOR_CODES} />
    </>
  );
}
