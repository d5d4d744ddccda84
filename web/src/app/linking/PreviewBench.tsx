import { useEffect, useState } from 'react';
import { linkAllOutcomes } from '../api/batches.js';
import type { LinkOutcomes } from '../api/documents.js';
import { messageOf } from '../use-query.js';
import { OutcomeReview } from './OutcomeReview.js';

/** Suggestions for outcomes that are not stored: what a reader without the write token can do. */
export function PreviewBench({ outcomes }: { outcomes: string[] }) {
  const [linked, setLinked] = useState<LinkOutcomes['linkOutcomes']>();
  const [done, setDone] = useState(0);
  const [error, setError] = useState<string>();
  useEffect(() => {
    const abort = new AbortController();
    setLinked(undefined);
    setDone(0);
    setError(undefined);
    linkAllOutcomes(outcomes, setDone, abort.signal).then(setLinked, (failure: unknown) => {
      if (!abort.signal.aborted) setError(messageOf(failure));
    });
    return () => abort.abort();
  }, [outcomes]);
  const loading = !linked && !error;
  return (
    <section className="bench" aria-label="Suggestions preview">
      <p className="notice" role="note">
        Preview: this server takes no writes from you, so decisions cannot be stored. Start the server with
        ESCOGRAPH_WRITE_TOKEN set and enter that token above to review and keep the result.
      </p>
      {loading && <p role="status" className="busy">Ranking ESCO skills: {done} of {outcomes.length} outcomes…</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {linked?.map((outcome, index) => (
        <OutcomeReview key={index} position={index + 1} text={outcome.text} rows={outcome.suggestions} decisionOf={() => undefined} />
      ))}
    </section>
  );
}
