import { useState } from 'react';
import { gql } from '../api/client.js';
import { type QualificationFields, UPDATE_QUALIFICATION } from '../api/documents.js';
import { messageOf } from '../use-query.js';
import { type Levels, levelProblems, levelsOf, levelsUpdate, missingForElm } from './draft.js';

/**
 * A stored qualification's title and levels, shown, and editable with the write token. The Europass export's
 * shapes require all three levels, so what is missing is said beside it.
 */
export function DetailsEditor({ id, fields, canWrite, onSaved }: { id: string; fields: QualificationFields; canWrite: boolean; onSaved(fields: QualificationFields): void }) {
  const [editing, setEditing] = useState<(Levels & { title: string }) | null>(null);
  const [failure, setFailure] = useState<string>();
  const missing = missingForElm(levelsOf(fields));
  const save = async (edited: Levels & { title: string }) => {
    const problems = levelProblems(edited);
    if (!edited.title.trim()) problems.unshift('Give the qualification a title.');
    if (problems.length) return setFailure(problems.join(' '));
    try {
      const answer = await gql<{ updateQualification: QualificationFields }>(UPDATE_QUALIFICATION, { id, input: { title: edited.title.trim(), ...levelsUpdate(edited) } });
      onSaved(answer.updateQualification);
      setEditing(null);
      setFailure(undefined);
    } catch (error) {
      setFailure(messageOf(error));
    }
  };
  if (!editing) {
    return (
      <div className="details">
        <p className="meta">
          {[fields.language && `language ${fields.language}`, fields.eqfLevel && `EQF ${fields.eqfLevel}`,
            fields.iscedFCode && `ISCED-F ${fields.iscedFCode}`, fields.nqfLevel && `NQF ${fields.nqfLevel}`].filter(Boolean).join(' · ')}
          {canWrite && <> <button type="button" className="link" onClick={() => setEditing({ title: fields.title, ...levelsOf(fields) })}>Edit details</button></>}
        </p>
        {missing.length > 0 && <p className="notice">A Europass (ELM) export needs the {missing.join(', ')}{canWrite ? ': add them with Edit details.' : '.'}</p>}
      </div>
    );
  }
  const field = (key: keyof typeof editing, label: string, size: number) => (
    <label>{label} <input size={size} value={editing[key]} onChange={(e) => setEditing({ ...editing, [key]: e.target.value })} /></label>
  );
  return (
    <form className="fields details" aria-label="Qualification details" onSubmit={(e) => { e.preventDefault(); void save(editing); }}>
      {field('title', 'Title', 40)}
      {field('eqfLevel', 'EQF level', 3)}
      {field('iscedFCode', 'ISCED-F code', 6)}
      {field('nqfLevel', 'NQF level', 24)}
      <button type="submit" className="primary">Save details</button>
      <button type="button" onClick={() => { setEditing(null); setFailure(undefined); }}>Cancel</button>
      {failure && <p role="alert" className="error">{failure}</p>}
    </form>
  );
}
