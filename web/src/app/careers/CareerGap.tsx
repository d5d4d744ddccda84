import { download } from '../api/client.js';
import { SKILLS_GAP, type SkillsGap } from '../api/documents.js';
import { messageOf, useQuery } from '../use-query.js';
import { AddSkillButton } from './AddSkillButton.js';
import { percent } from './links.js';
import { useProfile } from './profile-context.js';
import { useState } from 'react';

/**
 * What My skills lack for one career, essential first: what to learn next, and the ESCO skills a micro-credential
 * for it would teach, downloadable as the skills-gap CSV.
 */
export function CareerGap({ occupation }: { occupation: string }) {
  const { profile } = useProfile();
  const skills = profile.skills.map((s) => s.uri);
  const { data, error } = useQuery<SkillsGap>(SKILLS_GAP, { occupation, skills }, skills.length === 0);
  const [failure, setFailure] = useState<string>();
  const gap = data?.skillsGap;
  if (error) return <p role="alert" className="error">{error}</p>;
  if (!gap) return <p role="status">Comparing with My skills…</p>;
  const essential = gap.missing.filter((m) => m.essential);
  return (
    <section className="gap" aria-label="Your gap for this career">
      <h2>Your gap: {percent(gap.essential.coverage)} of the essential skills</h2>
      <p className="meta">
        {gap.essential.covered.length} of {gap.essential.total} essential skills held
        {gap.essential.coverageWithPartial !== gap.essential.coverage && `, ${percent(gap.essential.coverageWithPartial)} counting related skills`}.
      </p>
      {essential.length > 0 && (
        <>
          <h3>Learn next — the skills for a micro-credential ({essential.length})</h3>
          <ol>
            {essential.slice(0, 15).map((m) => (
              <li key={m.uri}>{m.label} <AddSkillButton skill={{ uri: m.uri, preferredLabel: m.label }} />
                {m.partial && <span className="meta"> partly held through {m.partial.via.label}</span>}</li>
            ))}
          </ol>
        </>
      )}
      <button type="button" onClick={() => download('/export/skills-gap.csv', 'skills-gap.csv', { method: 'POST', body: { occupation, from: { skills } } })
        .catch((e: unknown) => setFailure(messageOf(e)))}>Download the gap as CSV</button>
      {failure && <p role="alert" className="error">{failure}</p>}
    </section>
  );
}
