import { useState } from 'react';
import { SKILL_DETAILS, type SkillDetails as Details, type SkillRef } from '../api/documents.js';
import { useQuery } from '../use-query.js';

const labelOf = (skill: SkillRef) => skill.preferredLabel ?? skill.uri;

/**
 * A skill's description, type and alternative labels, and its place in the hierarchy: broader and narrower skills
 * can be walked, and whichever skill is shown can be accepted when it fits the outcome better than the suggestion.
 */
export function SkillDetails({ skill, onAccept }: { skill: SkillRef; onAccept?: (skill: SkillRef) => void }) {
  const [trail, setTrail] = useState<SkillRef[]>([skill]);
  const shown = trail[trail.length - 1]!;
  const { data, error, loading } = useQuery<Details>(SKILL_DETAILS, { uri: shown.uri });
  const details = data?.skill;
  const go = (next: SkillRef) => setTrail((t) => [...t, next]);
  return (
    <div className="skill-details">
      {trail.length > 1 && (
        <nav aria-label="Hierarchy trail" className="trail">
          {trail.map((s, i) => (
            <button key={`${s.uri} ${i}`} type="button" className="link" disabled={i === trail.length - 1} onClick={() => setTrail(trail.slice(0, i + 1))}>{labelOf(s)}</button>
          ))}
        </nav>
      )}
      {loading && <p role="status">Loading {labelOf(shown)}…</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {details && (
        <>
          <h4>{labelOf(details)}</h4>
          <p>{details.description ?? 'No description in this language.'}</p>
          <p className="meta">
            {[details.skillType, details.reuseLevel].filter(Boolean).join(' · ')}
            {' · '}<a href={details.uri} target="_blank" rel="noreferrer">ESCO page</a>
          </p>
          {details.altLabels.length > 0 && <p className="meta">Also called: {details.altLabels.slice(0, 8).join('; ')}</p>}
          {onAccept && trail.length > 1 && <button type="button" onClick={() => onAccept(details)}>Accept {labelOf(details)}</button>}
          <Related title="Broader" skills={details.broader.filter((b) => b.type === 'SKILL')} groups={details.broader.filter((b) => b.type !== 'SKILL')} go={go} />
          <Related title="Narrower" skills={details.narrower} groups={[]} go={go} />
        </>
      )}
    </div>
  );
}

function Related({ title, skills, groups, go }: { title: string; skills: SkillRef[]; groups: SkillRef[]; go: (s: SkillRef) => void }) {
  if (skills.length + groups.length === 0) return null;
  return (
    <div className="related">
      <h5>{title}</h5>
      <ul>
        {skills.map((s) => <li key={s.uri}><button type="button" className="link" onClick={() => go(s)}>{labelOf(s)}</button></li>)}
        {groups.map((g) => <li key={g.uri}>{labelOf(g)} <span className="meta">(skill group)</span></li>)}
      </ul>
    </div>
  );
}
