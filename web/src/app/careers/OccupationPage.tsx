import { Link } from 'wouter';
import { type GroupedSkill, OCCUPATION_PAGE, type OccupationPage as Result } from '../api/explorer-documents.js';
import { useQuery } from '../use-query.js';
import { AddSkillButton } from './AddSkillButton.js';
import { CareerGap } from './CareerGap.js';
import { iscoPath, occupationPath, skillPath } from './links.js';
import { useProfile } from './profile-context.js';
import { groupBySkillGroup } from './skill-groups.js';

const REGULATION = /regulated-professions\/(.+)$/;

export function OccupationPage({ uri }: { uri: string }) {
  const { data, error, loading } = useQuery<Result>(OCCUPATION_PAGE, { uri });
  const { profile } = useProfile();
  const occupation = data?.occupation;
  if (loading && !occupation) return <p role="status">Loading…</p>;
  if (error) return <p role="alert" className="error">{error}</p>;
  if (!occupation) return <p role="alert" className="error">ESCO has no occupation {uri}. <Link href="/careers">Explore careers</Link></p>;
  const isco = [...occupation.ancestors].reverse().filter((a) => a.type === 'ISCO_GROUP' && a.code);
  const regulation = REGULATION.exec(occupation.regulatedProfessionNote ?? '')?.[1];
  return (
    <article className="concept-page">
      <nav aria-label="ISCO path" className="trail">
        <Link href="/careers">Career fields</Link>
        {isco.map((a) => <Link key={a.uri} href={iscoPath(a.code!)}>{a.preferredLabel}</Link>)}
      </nav>
      <h1>{occupation.preferredLabel}</h1>
      <p className="meta">
        ESCO occupation {occupation.code} · ISCO {occupation.iscoGroup?.code} {occupation.iscoGroup?.preferredLabel}
        {regulation && ` · ${regulation === 'unregulated' ? 'not a regulated profession' : `regulated profession (${regulation.replace(/-/g, ' ')})`}`}
        {' · '}<a href={occupation.uri} target="_blank" rel="noreferrer">ESCO page</a>
      </p>
      {occupation.description && <p>{occupation.description}</p>}
      {occupation.altLabels.length > 0 && <p><strong>This career is often also called:</strong> {occupation.altLabels.join('; ')}</p>}
      {profile.skills.length > 0 && <CareerGap occupation={occupation.uri} />}
      <SkillList title={`Essential skills (${occupation.essentialSkills.length})`} skills={occupation.essentialSkills} />
      <SkillList title={`Optional skills (${occupation.optionalSkills.length})`} skills={occupation.optionalSkills} />
      {data.relatedOccupations.length > 0 && (
        <section aria-label="Related careers">
          <h2>Related careers, by shared essential skills</h2>
          <ul>
            {data.relatedOccupations.map((r) => (
              <li key={r.occupation.uri}><Link href={occupationPath(r.occupation.uri)}>{r.occupation.preferredLabel}</Link>
                <span className="meta"> · {r.sharedEssentialSkills} shared</span></li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

function SkillList({ title, skills }: { title: string; skills: GroupedSkill[] }) {
  if (skills.length === 0) return null;
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      <div className="skill-groups">
      {groupBySkillGroup(skills).map(({ group, skills: members }) => (
        <div key={group} className="skill-group">
          <h3>{group}</h3>
          <ul className="skill-list">
            {members.map((s) => (
              <li key={s.uri}><Link href={skillPath(s.uri)}>{s.preferredLabel}</Link> <AddSkillButton skill={s} /></li>
            ))}
          </ul>
        </div>
      ))}
      </div>
    </section>
  );
}
