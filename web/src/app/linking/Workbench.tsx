import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { download, gql } from '../api/client.js';
import { type Outcome, QUALIFICATION, type QualificationFields, type QualificationResult, REVIEW, type Review, type ReviewStatus, type SkillRef } from '../api/documents.js';
import { useSettings } from '../settings.js';
import { messageOf, useQuery } from '../use-query.js';
import { DetailsEditor } from './DetailsEditor.js';
import { OccupationPanel } from './OccupationPanel.js';
import { OutcomeReview } from './OutcomeReview.js';
import { acceptedSkillSet, decisionOf, reviewProgress, reviewRows, withReviewed } from './review.js';

const fileName = (title: string) => title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'qualification';

/**
 * A stored qualification under review. Every decision is written at once, so the review resumes exactly where it
 * was left after a reload, in another browser, or days later.
 */
export function Workbench({ id }: { id: string }) {
  const { canWrite, access } = useSettings();
  const { data, error, loading } = useQuery<QualificationResult>(QUALIFICATION, { id });
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [pending, setPending] = useState(new Set<string>());
  const [failure, setFailure] = useState<string>();
  const [onlyOpen, setOnlyOpen] = useState(false);
  // Edited details are kept here, so saving them does not ask the server to rank every outcome again.
  const [fields, setFields] = useState<QualificationFields>();
  useEffect(() => {
    setOutcomes(data?.qualification?.learningOutcomes ?? []);
    setFields(undefined);
  }, [data]);

  const qualification = data?.qualification;
  if (loading && !qualification) return <p role="status" className="busy">Loading the qualification and ranking ESCO skills for its outcomes…</p>;
  if (error) return <p role="alert" className="error">{error}</p>;
  if (!qualification) return <p role="alert" className="error">There is no qualification {id}. <Link href="/linking">See the stored ones</Link></p>;

  const decide = async (outcome: Outcome, skill: SkillRef, status: ReviewStatus) => {
    const key = `${outcome.id} ${skill.uri}`;
    setPending((p) => new Set(p).add(key));
    setFailure(undefined);
    try {
      const answer = await gql<Review>(REVIEW, { qualification: id, outcome: outcome.id, skill: skill.uri, status });
      setOutcomes((current) => withReviewed(current, answer.reviewLink));
    } catch (problem) {
      setFailure(`${status === 'ACCEPTED' ? 'Accepting' : 'Rejecting'} ${skill.preferredLabel ?? skill.uri} failed: ${messageOf(problem)}`);
    } finally {
      setPending((p) => { const next = new Set(p); next.delete(key); return next; });
    }
  };
  const exportFile = (path: string, name: string) => download(path, name).catch((problem: unknown) => setFailure(messageOf(problem)));

  const shownFields = fields ?? qualification;
  const progress = reviewProgress(outcomes);
  const shown = outcomes.map((o, index) => ({ o, index })).filter(({ o }) => !onlyOpen || !o.reviewed);
  const base = `/export/qualifications/${encodeURIComponent(id)}`;
  return (
    <div className="workbench">
      <p><Link href="/linking">← All qualifications</Link></p>
      <h1>{shownFields.title}</h1>
      <DetailsEditor id={id} fields={shownFields} canWrite={canWrite} onSaved={(saved) => setFields({ ...shownFields, ...saved })} />
      <div className="progress-line">
        <progress max={progress.total} value={progress.reviewed} aria-label="Review progress" />
        <span role="status">{progress.text}</span>
        <label><input type="checkbox" checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} /> Only outcomes not reviewed</label>
      </div>
      <div className="exports">
        <button type="button" onClick={() => exportFile(`${base}/elm.jsonld`, `${fileName(shownFields.title)}.jsonld`)}>Export ELM</button>
        <button type="button" onClick={() => exportFile(`${base}/links.csv`, `${fileName(shownFields.title)}-links.csv`)}>Export links CSV</button>
      </div>
      {!canWrite && access !== null && (
        <p className="notice" role="note">Read-only: enter the write token above to accept or reject skills.</p>
      )}
      {failure && <p role="alert" className="error">{failure}</p>}
      <div className="bench-columns">
        <div className="outcomes">
          {shown.length === 0 && <p>Every outcome is reviewed.</p>}
          {shown.map(({ o, index }) => (
            <OutcomeReview key={o.id} position={index + 1} text={o.text} rows={reviewRows(o)} decisionOf={(uri) => decisionOf(o, uri)}
              onDecide={canWrite ? (skill, status) => void decide(o, skill, status) : undefined}
              pending={new Set([...pending].filter((k) => k.startsWith(`${o.id} `)).map((k) => k.slice(o.id.length + 1)))} />
          ))}
        </div>
        <OccupationPanel skills={acceptedSkillSet(outcomes)} language={qualification.language ?? undefined} title={shownFields.title} />
      </div>
    </div>
  );
}
