import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { gql } from '../api/client.js';
import { CREATE_QUALIFICATION, type CreateQualification, IMPORT_CREDENTIAL, type ImportCredential, SPLIT, type Split, VERSIONS, type Versions } from '../api/documents.js';
import { useSettings } from '../settings.js';
import { useQuery } from '../use-query.js';
import { useTask } from '../use-task.js';
import { type Draft, deleteOutcome, draftProblems, editOutcome, loadDraft, mergeWithNext, qualificationInput, saveDraft, splitOutcome } from './draft.js';
import { PreviewBench } from './PreviewBench.js';
import { detectLanguage, readSourceFile } from './source-file.js';

/**
 * A new qualification: text pasted or opened, split into outcomes, corrected by hand, then stored (with a write
 * token) so that its review can be resumed, or previewed without one.
 */
export function DraftEditor() {
  const { canWrite } = useSettings();
  const [, navigate] = useLocation();
  const [draft, setDraft] = useState<Draft>(loadDraft);
  const { busy, failure: error, run } = useTask();
  const [preview, setPreview] = useState<string[]>();
  // A textarea keeps its selection after losing focus, so the caret is read when "Split at cursor" is pressed.
  const boxes = useRef<(HTMLTextAreaElement | null)[]>([]);
  const languages = useQuery<Versions>(VERSIONS, {}, false, { keep: true }).data?.versions.find((v) => v.isDefault)?.languages ?? ['en'];

  useEffect(() => saveDraft(draft), [draft]);
  const update = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));
  const outcomes = draft.outcomes;

  const split = () => run('Splitting the text into learning outcomes…', async () => {
    const answer = await gql<Split>(SPLIT, { text: draft.text, language: draft.language });
    update({ outcomes: answer.splitLearningOutcomes });
  });

  const open = (file: File) => run(`Reading ${file.name}…`, async () => {
    const source = await readSourceFile(file);
    if (source.kind === 'text') {
      update({ title: draft.title || source.title, text: source.text, outcomes: null, language: detectLanguage(source.text, languages) ?? draft.language });
      return;
    }
    if (!canWrite) throw new Error(`${source.name} holds qualifications to import: importing stores them, so enter the write token first`);
    const imported = await gql<ImportCredential>(IMPORT_CREDENTIAL, { content: source.content, format: source.format, source: source.name });
    const first = imported.importCredential[0];
    if (first) navigate(`/linking/${encodeURIComponent(first.id)}`);
  });

  const store = () => run('Storing the qualification and ranking skills…', async () => {
    const created = await gql<CreateQualification>(CREATE_QUALIFICATION, { input: qualificationInput(draft) });
    saveDraft(null);
    navigate(`/linking/${encodeURIComponent(created.createQualification.id)}`);
  });

  const problems = draftProblems(draft);
  const detected = detectLanguage(draft.text, languages);
  return (
    <section className="draft" aria-label="New qualification">
      <h2>New qualification</h2>
      <div className="fields">
        <label>Title <input value={draft.title} onChange={(e) => update({ title: e.target.value })} maxLength={500} /></label>
        <label>
          Text language
          <select aria-label="Text language" value={draft.language} onChange={(e) => update({ language: e.target.value })}>
            {languages.map((tag) => <option key={tag} value={tag}>{tag}</option>)}
          </select>
        </label>
        {detected && detected !== draft.language && (
          <button type="button" onClick={() => update({ language: detected })}>The text looks like {detected}: use it</button>
        )}
        <label>
          Open a file (.txt, .csv, .jsonld)
          <input type="file" accept=".txt,.md,.csv,.json,.jsonld" onChange={(e) => { const file = e.target.files?.[0]; if (file) void open(file); e.target.value = ''; }} />
        </label>
      </div>
      <label className="block">
        Learning outcomes
        <textarea rows={8} value={draft.text} placeholder="Paste the programme's learning outcomes: a list, or running text."
          onChange={(e) => update({ text: e.target.value, outcomes: null })} />
      </label>
      <p>
        <button type="button" onClick={split} disabled={!draft.text.trim() || busy !== undefined}>Split into outcomes</button>
      </p>
      {outcomes && (
        <>
          <h3>{outcomes.length} learning outcomes: correct the split if needed</h3>
          <ol className="split">
            {outcomes.map((text, index) => (
              <li key={index}>
                <textarea aria-label={`Outcome ${index + 1}`} rows={2} value={text}
                  ref={(box) => { boxes.current[index] = box; }}
                  onChange={(e) => update({ outcomes: editOutcome(outcomes, index, e.target.value) })} />
                <span className="row-actions">
                  <button type="button" disabled={index === outcomes.length - 1} onClick={() => update({ outcomes: mergeWithNext(outcomes, index) })}>Merge with next</button>
                  <button type="button" title="Place the text cursor where the outcome should be cut" onClick={() => update({ outcomes: splitOutcome(outcomes, index, boxes.current[index]?.selectionStart ?? 0) })}>Split at cursor</button>
                  <button type="button" onClick={() => update({ outcomes: deleteOutcome(outcomes, index) })}>Delete</button>
                </span>
              </li>
            ))}
          </ol>
          <p><button type="button" onClick={() => update({ outcomes: [...outcomes, ''] })}>Add an outcome</button></p>
          <div className="fields">
            <label>EQF level <input inputMode="numeric" size={3} value={draft.eqfLevel} onChange={(e) => update({ eqfLevel: e.target.value.trim() })} /></label>
            <label>ISCED-F code <input size={6} value={draft.iscedFCode} placeholder="0613" onChange={(e) => update({ iscedFCode: e.target.value.trim() })} /></label>
            <label>NQF level <input size={30} value={draft.nqfLevel} placeholder="RQF Level 6" onChange={(e) => update({ nqfLevel: e.target.value.trim() })} /></label>
          </div>
          {problems.length > 0 && <ul className="problems">{problems.map((p) => <li key={p}>{p}</li>)}</ul>}
          <p>
            {canWrite ? (
              <button type="button" className="primary" disabled={problems.length > 0 || busy !== undefined} onClick={store}>Suggest skills</button>
            ) : (
              <>
                <button type="button" className="primary" disabled={busy !== undefined} onClick={() => setPreview(outcomes.filter((o) => o.trim()))}>Suggest skills</button>
                <span className="notice"> Without the write token the review is a preview: decisions are not stored.</span>
              </>
            )}
          </p>
        </>
      )}
      {busy && <p role="status" className="busy">{busy}</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {preview && !canWrite && <PreviewBench outcomes={preview} />}
    </section>
  );
}
