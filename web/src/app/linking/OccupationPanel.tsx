import { useState } from 'react';
import { download } from '../api/client.js';
import { OCCUPATION_MATCHES, type OccupationMatches, SKILLS_GAP, type SkillRef, type SkillsGap } from '../api/documents.js';
import { messageOf, useQuery } from '../use-query.js';

const percent = (value: number | null) => (value === null ? '–' : `${Math.round(value * 100)}%`);

/**
 * The occupations the accepted skills prepare for, and for one of them the gap: which of its essential and optional
 * skills the qualification covers, partly covers (through a narrower, broader or sibling skill) or misses.
 */
export function OccupationPanel({ skills, language, title }: { skills: SkillRef[]; language?: string; title: string }) {
  const uris = skills.map((s) => s.uri);
  const [occupation, setOccupation] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const matches = useQuery<OccupationMatches>(OCCUPATION_MATCHES, { skills: uris, language }, uris.length === 0);
  const gap = useQuery<SkillsGap>(SKILLS_GAP, { occupation, skills: uris, language }, !occupation || uris.length === 0);
  if (uris.length === 0) {
    return <aside className="occupations" aria-label="Occupations"><h2>Occupations</h2><p>Accept skills to see the occupations they prepare for.</p></aside>;
  }
  const detail = gap.data?.skillsGap;
  return (
    <aside className="occupations" aria-label="Occupations">
      <h2>Occupations</h2>
      <p className="meta">{uris.length} accepted skills. Essential skills covered:</p>
      {matches.loading && <p role="status">Matching occupations…</p>}
      {matches.error && <p role="alert" className="error">{matches.error}</p>}
      <ol className="matches">
        {matches.data?.occupationMatches.matches.map((m) => (
          <li key={m.occupation.uri}>
            <button type="button" className="link" aria-pressed={occupation === m.occupation.uri} onClick={() => setOccupation(m.occupation.uri)}>{m.occupation.label}</button>
            <span className="bar" aria-hidden="true"><span style={{ width: `${(m.essential.coverage ?? 0) * 100}%` }} /></span>
            <span className="meta">{m.essential.covered} of {m.essential.total} ({percent(m.essential.coverage)})</span>
          </li>
        ))}
      </ol>
      {gap.loading && <p role="status">Computing the gap…</p>}
      {gap.error && <p role="alert" className="error">{gap.error}</p>}
      {detail && (
        <section aria-label={`Skills gap for ${detail.occupation.label}`}>
          <h3>{detail.occupation.label} (ISCO {detail.occupation.iscoCode})</h3>
          <p>Essential skills covered: {percent(detail.essential.coverage)}; with partial matches {percent(detail.essential.coverageWithPartial)}.</p>
          <h4>Missing essential skills</h4>
          <ul>
            {detail.missing.filter((m) => m.essential).map((m) => (
              <li key={m.uri}>{m.label}{m.partial && <span className="meta"> — partly, via {m.partial.via.label}</span>}</li>
            ))}
          </ul>
          <details>
            <summary>Covered: {detail.essential.covered.length} essential, {detail.optional.covered.length} optional</summary>
            <ul>{[...detail.essential.covered, ...detail.optional.covered].map((c) => <li key={c.uri}>{c.label}</li>)}</ul>
          </details>
          <details>
            <summary>Missing optional skills ({detail.missing.filter((m) => !m.essential).length})</summary>
            <ul>{detail.missing.filter((m) => !m.essential).map((m) => <li key={m.uri}>{m.label}</li>)}</ul>
          </details>
          <button type="button" onClick={() => download('/export/skills-gap.csv', `${title}-skills-gap.csv`, { method: 'POST', body: { occupation, from: { skills: uris }, language } })
            .catch((problem: unknown) => setFailure(messageOf(problem)))}>Export skills gap CSV</button>
          {failure && <p role="alert" className="error">{failure}</p>}
        </section>
      )}
    </aside>
  );
}
