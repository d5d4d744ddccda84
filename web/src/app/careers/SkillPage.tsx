import { Link } from 'wouter';
import { SKILL_PAGE, type SkillPage as Result } from '../api/explorer-documents.js';
import { useQuery } from '../use-query.js';
import { AddSkillButton } from './AddSkillButton.js';
import { occupationPath, skillPath } from './links.js';

const words = (value: string | null) => value?.toLowerCase().replace(/_/g, ' ') ?? '';

export function SkillPage({ uri }: { uri: string }) {
  const { data, error, loading } = useQuery<Result>(SKILL_PAGE, { uri });
  const skill = data?.skill;
  if (loading && !skill) return <p role="status">Loading…</p>;
  if (error) return <p role="alert" className="error">{error}</p>;
  if (!skill) return <p role="alert" className="error">ESCO has no skill {uri}. <Link href="/careers">Explore careers</Link></p>;
  const related = (title: string, concepts: { uri: string; preferredLabel: string | null; type?: string }[], path: (uri: string) => string) =>
    concepts.length > 0 && (
      <section aria-label={title}>
        <h2>{title} ({concepts.length})</h2>
        <ul className="columns">
          {concepts.map((c) => <li key={c.uri}>{c.type && c.type !== 'SKILL' && c.type !== 'OCCUPATION' ? c.preferredLabel : <Link href={path(c.uri)}>{c.preferredLabel}</Link>}</li>)}
        </ul>
      </section>
    );
  return (
    <article className="concept-page">
      <p><Link href="/careers">Career fields</Link></p>
      <h1>{skill.preferredLabel} <AddSkillButton skill={skill} /></h1>
      <p className="meta">
        {[words(skill.skillType), words(skill.reuseLevel), ...skill.collections.map((c) => `${words(c.name)} collection`)].filter(Boolean).join(' · ')}
        {' · '}<a href={skill.uri} target="_blank" rel="noreferrer">ESCO page</a>
      </p>
      {skill.description && <p>{skill.description}</p>}
      {skill.altLabels.length > 0 && <p><strong>Also called:</strong> {skill.altLabels.join('; ')}</p>}
      {related('Broader', skill.broader, skillPath)}
      {related('Narrower', skill.narrower, skillPath)}
      {related('Essential for these careers', skill.essentialForOccupations, occupationPath)}
      {related('Optional for these careers', skill.optionalForOccupations, occupationPath)}
    </article>
  );
}
