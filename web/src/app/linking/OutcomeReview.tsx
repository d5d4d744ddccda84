import { useState } from 'react';
import type { MatchedOn, ReviewStatus, SkillRef } from '../api/documents.js';
import type { Decision, ReviewRow } from './review.js';
import { SkillDetails } from './SkillDetails.js';
import { SkillSearch } from './SkillSearch.js';

const MATCHED_ON: Record<MatchedOn, string> = { LABEL: 'label', ALT_LABEL: 'alternative label', DESCRIPTION: 'description', LEXICAL: 'words' };

interface Props {
  position: number;
  text: string;
  rows: ReviewRow[];
  decisionOf(uri: string): Decision;
  /** Absent in a preview: nothing can be stored. */
  onDecide?(skill: SkillRef, status: ReviewStatus): void;
  pending?: Set<string>;
}

/** One learning outcome: its ranked skills with score and match, each with its details, Accept and Reject. */
export function OutcomeReview({ position, text, rows, decisionOf, onDecide, pending }: Props) {
  const [open, setOpen] = useState<string>();
  const decided = rows.filter((r) => decisionOf(r.skill.uri)).length;
  return (
    <section className="outcome" aria-label={text}>
      <h3><span className="position">{position}.</span> {text}</h3>
      {onDecide && <p className="meta">{decided ? `${decided} decided` : 'not reviewed yet'}</p>}
      {rows.length === 0 && <p className="meta">No skill scored above the threshold: add one with the search below.</p>}
      <ul className="suggestions">
        {rows.map((row) => {
          const label = row.skill.preferredLabel ?? row.skill.uri;
          const decision = decisionOf(row.skill.uri);
          const busy = pending?.has(row.skill.uri);
          return (
            <li key={row.skill.uri} className={`suggestion ${decision?.toLowerCase() ?? ''}`}>
              <div className="suggestion-line">
                <button type="button" className="link skill-label" aria-expanded={open === row.skill.uri}
                  onClick={() => setOpen(open === row.skill.uri ? undefined : row.skill.uri)}>{label}</button>
                {row.score !== undefined ? (
                  <span className="score" title={`score ${row.score.toFixed(3)}`}>
                    <span className="bar" role="meter" aria-label={`score of ${label}`} aria-valuemin={0} aria-valuemax={1} aria-valuenow={Number(row.score.toFixed(3))}>
                      <span style={{ width: `${Math.max(2, Math.min(100, row.score * 100))}%` }} />
                    </span>
                    {row.score.toFixed(2)}
                  </span>
                ) : <span className="score meta">added</span>}
                {row.matchedOn && <span className="matched">matched on {MATCHED_ON[row.matchedOn]}</span>}
                {onDecide && (
                  <span className="decide">
                    <button type="button" aria-pressed={decision === 'ACCEPTED'} className="accept" disabled={busy} aria-label={`Accept ${label}`}
                      onClick={() => onDecide(row.skill, 'ACCEPTED')}>Accept</button>
                    <button type="button" aria-pressed={decision === 'REJECTED'} className="reject" disabled={busy} aria-label={`Reject ${label}`}
                      onClick={() => onDecide(row.skill, 'REJECTED')}>Reject</button>
                  </span>
                )}
              </div>
              {open === row.skill.uri && <SkillDetails skill={row.skill} onAccept={onDecide && ((skill) => onDecide(skill, 'ACCEPTED'))} />}
            </li>
          );
        })}
      </ul>
      {onDecide && <SkillSearch label={`Add a skill to outcome ${position}`} onPick={(skill) => onDecide(skill, 'ACCEPTED')} />}
    </section>
  );
}
