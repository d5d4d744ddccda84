import { useMemo, useState } from 'react';
import { download, gql } from '../api/client.js';
import { type Grouping, type JobAdLink, LINK_JOB_ADS, type LinkJobAds, SUPPLY_DEMAND, type SupplyDemandResult, type SupplyDemandRow } from '../api/insights-documents.js';
import { saveFile } from '../components/save-file.js';
import { SortableTable } from '../components/SortableTable.js';
import { messageOf, useQuery } from '../use-query.js';
import { QUALIFICATIONS, type Qualifications } from '../api/documents.js';
import { useTask } from '../use-task.js';
import { GapChart } from './GapChart.js';
import { type JobAd, type OccupationDemand, type Programme, adText, demandEntries, linksCsv, parseDemandCsv, parseProgrammesCsv, supplyEntries } from './inputs.js';

const GROUPINGS: Record<Grouping, string> = { SKILL: 'skill', SKILL_GROUP: 'skill group', TOP_GROUP: 'top group' };

/**
 * Skills supply (programmes) against demand (job ads or occupations): the ads are linked to occupations and skills
 * first, for the analyst to check and correct, then the totals are computed from the corrected links.
 */
export default function InsightsPage() {
  const [programmes, setProgrammes] = useState<Programme[]>([]);
  const [ads, setAds] = useState<JobAd[]>([]);
  const [occupations, setOccupations] = useState<OccupationDemand[]>([]);
  const [links, setLinks] = useState<JobAdLink[]>();
  const [corrections, setCorrections] = useState(new Map<number, string>());
  const [groupBy, setGroupBy] = useState<Grouping>('SKILL');
  const [byRegion, setByRegion] = useState(false);
  const [result, setResult] = useState<SupplyDemandResult['supplyDemand']>();
  const [region, setRegion] = useState<string>('');
  const { busy, failure, setFailure, run } = useTask();
  const readFile = (file: File, use: (text: string) => void) => run(`Reading ${file.name}…`, async () => use(await file.text()));

  const linkAds = () => run(`Linking ${ads.length} job ads to occupations and skills…`, async () => {
    const answer = await gql<LinkJobAds>(LINK_JOB_ADS, { ads: ads.map(adText) });
    setLinks(answer.linkJobAds);
    setCorrections(new Map());
  });
  const input = () => ({ supply: supplyEntries(programmes), demand: demandEntries(ads, links ?? [], corrections, occupations), groupBy, byRegion });
  const compute = () => run('Computing supply and demand…', async () => {
    const answer = await gql<SupplyDemandResult>(SUPPLY_DEMAND, input());
    setResult(answer.supplyDemand);
    setRegion('');
  });

  const needsLinks = ads.length > 0 && !links;
  const figures = region && result?.regions ? result.regions.find((r) => (r.region ?? '(no region)') === region) ?? result : result;
  const regions = result?.regions?.map((r) => r.region ?? '(no region)') ?? [];
  const title = `Supply and demand by ${GROUPINGS[groupBy]}${region ? `, ${region}` : ''}`;
  return (
    <>
      <h1>Skills intelligence</h1>
      <p>Load the programmes that supply skills and the job ads (or occupations) that demand them; check how the ads are linked; compare.</p>
      <div className="bench-columns">
        <section aria-label="Supply" className="card">
          <h2>Supply: programmes ({programmes.length})</h2>
          <p className="meta">CSV: <code>programme,learning_outcomes,weight[,region]</code> or <code>programme,skills,weight[,region]</code>.</p>
          <label className="file-button">Programmes CSV
            <input type="file" accept=".csv" onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void readFile(f, (t) => { setProgrammes(parseProgrammesCsv(t, f.name)); setResult(undefined); }); }} />
          </label>
          <StoredQualifications chosen={programmes} onChange={(next) => { setProgrammes(next); setResult(undefined); }} />
          <ul>{programmes.slice(0, 10).map((p, i) => <li key={i}>{p.name} <span className="meta">× {p.weight}{p.region ? ` · ${p.region}` : ''}</span></li>)}</ul>
          {programmes.length > 10 && <p className="meta">and {programmes.length - 10} more</p>}
        </section>
        <section aria-label="Demand" className="card">
          <h2>Demand: {ads.length ? `${ads.length} job ads` : `${occupations.length} occupations`}</h2>
          <p className="meta">CSV: <code>title,text,weight[,region]</code> (job ads) or <code>occupation,weight[,region]</code>.</p>
          <label className="file-button">Demand CSV
            <input type="file" accept=".csv" onChange={(e) => {
              const f = e.target.files?.[0]; e.target.value = '';
              if (f) void readFile(f, (t) => { const parsed = parseDemandCsv(t, f.name); setAds(parsed.ads); setOccupations(parsed.occupations); setLinks(undefined); setResult(undefined); });
            }} />
          </label>
          {ads.length > 0 && <p><button type="button" onClick={() => void linkAds()} disabled={busy !== undefined}>Link job ads</button></p>}
        </section>
      </div>
      {busy && <p role="status" className="busy">{busy}</p>}
      {failure && <p role="alert" className="error">{failure}</p>}
      {links && <AdLinks ads={ads} links={links} corrections={corrections} onCorrect={(index, uri) => { setCorrections(new Map(corrections).set(index, uri)); setResult(undefined); }} />}
      <div className="fields">
        <label>Group by
          <select aria-label="Group by" value={groupBy} onChange={(e) => { setGroupBy(e.target.value as Grouping); setResult(undefined); }}>
            {Object.entries(GROUPINGS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </label>
        <label className="inline"><input type="checkbox" checked={byRegion} onChange={(e) => { setByRegion(e.target.checked); setResult(undefined); }} /> per region</label>
        <button type="button" className="primary" disabled={busy !== undefined || needsLinks || programmes.length + ads.length + occupations.length === 0} onClick={() => void compute()}>Compare supply and demand</button>
        {needsLinks && <span className="meta">Link the job ads first.</span>}
      </div>
      {result && figures && (
        <section aria-label="Results">
          <h2>{title}</h2>
          {regions.length > 0 && (
            <label>Region <select aria-label="Region" value={region} onChange={(e) => setRegion(e.target.value)}>
              <option value="">All regions</option>
              {regions.map((r) => <option key={r} value={r}>{r}</option>)}
            </select></label>
          )}
          <p>Supply {figures.totalSupply.toLocaleString()} · demand {figures.totalDemand.toLocaleString()} · {figures.rowCount.toLocaleString()} rows</p>
          <GapChart rows={figures.rows} title={title} />
          <div className="exports">
            <button type="button" onClick={() => download('/export/supply-demand.csv', 'supply-demand.csv', { method: 'POST', body: input() }).catch((e: unknown) => setFailure(messageOf(e)))}>Download table CSV</button>
            {links && <button type="button" onClick={() => saveFile(new Blob([linksCsv(ads, links, corrections)], { type: 'text/csv' }), 'job-ad-links.csv')}>Download job-ad links CSV</button>}
          </div>
          <ResultTable rows={figures.rows} rowCount={figures.rowCount} />
        </section>
      )}
    </>
  );
}

/** Stored qualifications as programmes: their accepted skills are the supply, with a learner count the analyst gives. */
function StoredQualifications({ chosen, onChange }: { chosen: Programme[]; onChange(programmes: Programme[]): void }) {
  const { data } = useQuery<Qualifications>(QUALIFICATIONS);
  const [weight, setWeight] = useState('30');
  const stored = data?.qualifications ?? [];
  if (stored.length === 0) return null;
  const isChosen = (id: string) => chosen.some((p) => p.qualification === id);
  return (
    <fieldset className="stored">
      <legend>or stored qualifications</legend>
      <label>Learners each <input inputMode="numeric" size={5} value={weight} onChange={(e) => setWeight(e.target.value.replace(/\D/g, ''))} /></label>
      <ul>
        {stored.map((q) => (
          <li key={q.id}>
            <label className="inline">
              <input type="checkbox" checked={isChosen(q.id)} onChange={(e) => onChange(e.target.checked
                ? [...chosen, { name: q.title, qualification: q.id, weight: Number(weight) || 1 }]
                : chosen.filter((p) => p.qualification !== q.id))} />
              {q.title}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

function ResultTable({ rows, rowCount }: { rows: SupplyDemandRow[]; rowCount: number }) {
  return (
    <SortableTable<SupplyDemandRow, 'concept' | 'supply' | 'demand' | 'gap' | 'met'>
      caption={rowCount > rows.length ? `The ${rows.length} largest gaps of ${rowCount} (the CSV has all)` : `${rowCount} rows`}
      rows={rows} rowKey={(r) => r.concept.uri} initial={{ key: 'gap', descending: true }}
      columns={[
        { key: 'concept', title: 'Skill or group', value: (r) => r.concept.label },
        { key: 'supply', title: 'Supply', numeric: true, value: (r) => r.supply },
        { key: 'demand', title: 'Demand', numeric: true, value: (r) => r.demand },
        { key: 'gap', title: 'Gap', numeric: true, value: (r) => r.gap },
        { key: 'met', title: 'Demand met', numeric: true, value: (r) => r.shareMet ?? -1, render: (r) => (r.shareMet === null ? '–' : `${Math.round(r.shareMet * 100)}%`) },
      ]}
    />
  );
}

function AdLinks({ ads, links, corrections, onCorrect }: { ads: JobAd[]; links: JobAdLink[]; corrections: Map<number, string>; onCorrect(index: number, uri: string): void }) {
  const rows = useMemo(() => links.map((link, index) => ({ link, index, ad: ads[index]! })), [links, ads]);
  return (
    <section aria-label="Job-ad links">
      <h2>How the job ads are linked</h2>
      <p className="meta">Each ad counts its occupation's essential skills plus the skills its text names. Correct an occupation before comparing.</p>
      <table className="data">
        <caption>{links.length} job ads</caption>
        <thead><tr><th scope="col">Job ad</th><th scope="col">Occupation</th><th scope="col">Skills named</th></tr></thead>
        <tbody>
          {rows.map(({ link, index, ad }) => {
            const options = [link.occupation, ...link.alternatives].filter((o): o is NonNullable<typeof o> => Boolean(o));
            return (
              <tr key={index}>
                <td>{ad.title || ad.text.slice(0, 60)}</td>
                <td>
                  {options.length === 0 ? <span className="meta">no occupation matched</span> : (
                    <select aria-label={`Occupation for ${ad.title || `ad ${index + 1}`}`} value={corrections.get(index) ?? link.occupation?.uri}
                      onChange={(e) => onCorrect(index, e.target.value)}>
                      {options.map((o) => <option key={o.uri} value={o.uri}>{o.label} ({o.score.toFixed(2)})</option>)}
                    </select>
                  )}
                </td>
                <td>{link.skills.slice(0, 6).map((s) => s.label).join('; ')}{link.skills.length > 6 ? ` +${link.skills.length - 6}` : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
