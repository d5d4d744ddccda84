import { useState } from 'react';
import { Link } from 'wouter';
import { gql } from '../api/client.js';
import { linkAllOutcomes } from '../api/batches.js';
import { SPLIT, type SkillSuggestion, type Split } from '../api/documents.js';
import { CAREER_MATCHES, type CareerMatches as Matches, ISCO_MAJOR_CODES, type IscoCards, iscoCardsQuery } from '../api/explorer-documents.js';
import { saveFile } from '../components/save-file.js';
import { SkillSearch } from '../linking/SkillSearch.js';
import { messageOf, useQuery } from '../use-query.js';
import { AddSkillButton } from './AddSkillButton.js';
import { occupationPath, percent, skillPath } from './links.js';
import { parseProfile, profileJson } from './profile.js';
import { useProfile } from './profile-context.js';

/** The learner's skills (added by search or from a CV text), kept in this browser, and the careers they lead to. */
export function MySkills() {
  const { profile, add, remove, replace } = useProfile();
  const [failure, setFailure] = useState<string>();
  return (
    <>
      <h1>My skills and career matches</h1>
      <div className="bench-columns">
        <section role="region" aria-label="My skills" className="profile">
          <h2>My skills ({profile.skills.length})</h2>
          <p className="meta">Kept in this browser only. Add skills by name, or from a text about what you have done.</p>
          <SkillSearch label="Add a skill to My skills" onPick={add} />
          {profile.skills.length === 0 && <p>No skills yet.</p>}
          <ul className="skill-list">
            {profile.skills.map((s) => (
              <li key={s.uri}><Link href={skillPath(s.uri)}>{s.preferredLabel ?? s.uri}</Link>{' '}
                <button type="button" aria-label={`Remove ${s.preferredLabel ?? s.uri}`} onClick={() => remove(s.uri)}>Remove</button></li>
            ))}
          </ul>
          <SkillsFromText />
          <div className="exports">
            <button type="button" onClick={() => saveFile(new Blob([profileJson(profile)], { type: 'application/json' }), 'my-skills.json')}>Export profile</button>
            <label className="file-button">Import profile
              <input type="file" accept=".json,application/json" onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                file?.text().then((text) => { replace(parseProfile(text, file.name)); setFailure(undefined); }).catch((error: unknown) => setFailure(messageOf(error)));
              }} />
            </label>
          </div>
          {failure && <p role="alert" className="error">{failure}</p>}
        </section>
        <CareerMatches skills={profile.skills.map((s) => s.uri)} />
      </div>
    </>
  );
}

/** A CV or experience text, split into sentences and linked to ESCO skills, for the learner to pick from. */
function SkillsFromText() {
  const [text, setText] = useState('');
  const [suggestions, setSuggestions] = useState<SkillSuggestion[]>();
  const [state, setState] = useState<string>();
  const suggest = async () => {
    setState('Finding the skills your text names…');
    try {
      const { splitLearningOutcomes: sentences } = await gql<Split>(SPLIT, { text });
      const linked = await linkAllOutcomes(sentences.length ? sentences : [text]);
      const best = new Map<string, SkillSuggestion>();
      for (const suggestion of linked.flatMap((o) => o.suggestions.slice(0, 5))) {
        if ((best.get(suggestion.skill.uri)?.score ?? -1) < suggestion.score) best.set(suggestion.skill.uri, suggestion);
      }
      setSuggestions([...best.values()].sort((a, b) => b.score - a.score));
      setState(undefined);
    } catch (error) {
      setState(messageOf(error));
    }
  };
  return (
    <div className="from-text">
      <label className="block">Your CV or experience
        <textarea rows={4} value={text} onChange={(e) => setText(e.target.value)} placeholder="e.g. I developed web applications in Java and led a team of three." />
      </label>
      <button type="button" disabled={!text.trim()} onClick={() => void suggest()}>Suggest skills from the text</button>
      {state && <p role="status">{state}</p>}
      {suggestions && (
        <ul aria-label="Skills suggested from your text" className="skill-list">
          {suggestions.map((s) => <li key={s.skill.uri}>{s.skill.preferredLabel} <AddSkillButton skill={s.skill} /></li>)}
        </ul>
      )}
    </div>
  );
}

function CareerMatches({ skills }: { skills: string[] }) {
  const [iscoGroup, setIscoGroup] = useState('');
  const { data, error, loading } = useQuery<Matches>(CAREER_MATCHES, { skills, iscoGroup: iscoGroup || null, first: 20 }, skills.length === 0);
  // The filter's labels are asked for once the first matches are in, so that they never wait behind them.
  const fields = useQuery<IscoCards>(iscoCardsQuery(ISCO_MAJOR_CODES, false), {}, !data && skills.length > 0, { keep: true });
  return (
    <section aria-label="Careers" className="occupations">
      <h2>Career matches</h2>
      <label>Career field{' '}
        <select aria-label="Career field" value={iscoGroup} onChange={(e) => setIscoGroup(e.target.value)}>
          <option value="">All</option>
          {ISCO_MAJOR_CODES.map((code) => {
            const group = fields.data?.[`g${code}`] as { preferredLabel: string | null } | undefined;
            return group ? <option key={code} value={code}>{group.preferredLabel}</option> : null;
          })}
        </select>
      </label>
      {skills.length === 0 && <p>Add skills to see the careers they lead to.</p>}
      {loading && <p role="status">Matching careers…</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {data && (
        <ol aria-label="Career matches" className="matches">
          {data.occupationMatches.matches.map((m) => (
            <li key={m.occupation.uri}>
              <Link href={occupationPath(m.occupation.uri)}>{m.occupation.label}</Link>{' '}
              <strong>{percent(m.essential.coverage)}</strong>
              <span className="bar" aria-hidden="true"><span style={{ width: `${(m.essential.coverage ?? 0) * 100}%` }} /></span>
              <span className="meta">{m.essential.covered} covered · {m.essential.partial} partly · {m.essential.missing - m.essential.partial} missing of {m.essential.total} essential</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
