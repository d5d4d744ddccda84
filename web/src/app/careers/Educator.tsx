import { useState } from 'react';
import { download } from '../api/client.js';
import { SKILLS_DISTRIBUTION, type SkillsDistribution } from '../api/explorer-documents.js';
import { SortableTable } from '../components/SortableTable.js';
import { messageOf, useQuery } from '../use-query.js';
import { type Profile, distributionInput, parseProfile, parseProfilesCsv } from './profile.js';

type Row = SkillsDistribution['skillsDistribution']['rows'][number];

/** The API's page limit; the CSV download holds every row. */
const SHOWN_ROWS = 100;

/**
 * An educator's view across learners: load their exported profiles (JSON) or a profile,skill_uri CSV, see how many
 * hold each skill, and download the distribution as skill,users,skill_url to decide what a micro-credential teaches.
 */
export function Educator() {
  const [profiles, setProfiles] = useState<Profile[]>([]);
  const [failure, setFailure] = useState<string>();
  const input = distributionInput(profiles);
  const { data, error, loading } = useQuery<SkillsDistribution>(SKILLS_DISTRIBUTION, { profiles: input, first: SHOWN_ROWS }, profiles.length === 0);

  const load = async (files: FileList) => {
    setFailure(undefined);
    try {
      const loaded = await Promise.all([...files].map(async (file) => {
        const text = await file.text();
        return file.name.toLowerCase().endsWith('.csv') ? parseProfilesCsv(text, file.name) : [parseProfile(text, file.name)];
      }));
      setProfiles((current) => [...current, ...loaded.flat()]);
    } catch (problem) {
      setFailure(messageOf(problem));
    }
  };
  const distribution = data?.skillsDistribution;
  return (
    <>
      <h1>Skills across learners</h1>
      <p>Load learners' exported profiles (<code>.json</code>) or a CSV with the columns <code>profile,skill_uri</code>.</p>
      <div className="exports">
        <label className="file-button">Load profiles
          <input type="file" multiple accept=".json,.csv" onChange={(e) => { if (e.target.files) void load(e.target.files); e.target.value = ''; }} />
        </label>
        {profiles.length > 0 && <button type="button" onClick={() => setProfiles([])}>Clear</button>}
        {distribution && (
          <button type="button" onClick={() => download('/export/skills-distribution.csv', 'skills-distribution.csv', { method: 'POST', body: { profiles: input } })
            .catch((problem: unknown) => setFailure(messageOf(problem)))}>Download skills distribution CSV</button>
        )}
      </div>
      {failure && <p role="alert" className="error">{failure}</p>}
      {profiles.length > 0 && <p>{profiles.length} profiles: {profiles.map((p) => p.name).join(', ')}</p>}
      {loading && <p role="status">Counting…</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {distribution && (
        <SortableTable<Row, 'skill' | 'users'>
          caption={`${distribution.rowCount} skills held by ${distribution.profiles} learners${distribution.rowCount > SHOWN_ROWS ? ` (the ${SHOWN_ROWS} most held shown; the CSV has all)` : ''}`}
          rows={distribution.rows} rowKey={(r) => r.skill.uri} initial={{ key: 'users', descending: true }}
          columns={[
            { key: 'skill', title: 'Skill', value: (r) => r.skill.label, render: (r) => <a href={r.skill.uri} target="_blank" rel="noreferrer">{r.skill.label}</a> },
            { key: 'users', title: 'Learners', numeric: true, value: (r) => r.users },
          ]}
        />
      )}
    </>
  );
}
