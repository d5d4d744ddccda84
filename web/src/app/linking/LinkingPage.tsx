import { useState } from 'react';
import { Link } from 'wouter';
import { gql } from '../api/client.js';
import { DELETE_QUALIFICATION, QUALIFICATIONS, type QualificationSummary, type Qualifications, UPDATE_QUALIFICATION } from '../api/documents.js';
import { useSettings } from '../settings.js';
import { messageOf, useQuery } from '../use-query.js';
import { DraftEditor } from './DraftEditor.js';
import { reviewProgress } from './review.js';

/** The stored qualifications, to resume, rename or delete, and the editor for a new one. */
export function LinkingPage() {
  const list = useQuery<Qualifications>(QUALIFICATIONS);
  return (
    <>
      <h1>Link learning outcomes to ESCO</h1>
      <section aria-label="Stored qualifications">
        <h2>Stored qualifications</h2>
        {list.loading && !list.data && <p role="status">Loading…</p>}
        {list.error && <p role="alert" className="error">{list.error}</p>}
        {list.data?.qualifications.length === 0 && <p>None yet: start one below.</p>}
        <ul className="qualifications">
          {list.data?.qualifications.map((q) => <QualificationItem key={q.id} qualification={q} onChange={list.reload} />)}
        </ul>
      </section>
      <DraftEditor />
    </>
  );
}

function QualificationItem({ qualification, onChange }: { qualification: QualificationSummary; onChange(): void }) {
  const { canWrite } = useSettings();
  const [renaming, setRenaming] = useState<string>();
  const [error, setError] = useState<string>();
  const act = (work: Promise<unknown>) => work.then(() => { setRenaming(undefined); onChange(); }, (e: unknown) => setError(messageOf(e)));
  const { text } = reviewProgress(qualification.learningOutcomes);
  return (
    <li>
      {renaming === undefined ? (
        <Link href={`/linking/${encodeURIComponent(qualification.id)}`}>{qualification.title}</Link>
      ) : (
        <form onSubmit={(e) => { e.preventDefault(); act(gql(UPDATE_QUALIFICATION, { id: qualification.id, input: { title: renaming } })); }}>
          <input aria-label={`New title for ${qualification.title}`} value={renaming} onChange={(e) => setRenaming(e.target.value)} autoFocus />
          <button type="submit">Save</button>
          <button type="button" onClick={() => setRenaming(undefined)}>Cancel</button>
        </form>
      )}
      <span className="meta"> {text} · created {new Date(qualification.createdAt).toLocaleDateString()}</span>
      {canWrite && renaming === undefined && (
        <span className="row-actions">
          <button type="button" aria-label={`Rename ${qualification.title}`} onClick={() => setRenaming(qualification.title)}>Rename</button>
          <button type="button" aria-label={`Delete ${qualification.title}`}
            onClick={() => { if (confirm(`Delete "${qualification.title}" and its review decisions?`)) act(gql(DELETE_QUALIFICATION, { id: qualification.id })); }}>Delete</button>
        </span>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </li>
  );
}
