import { LINK_OUTCOMES, type LinkOutcomes } from '../api/documents.js';
import { useQuery } from '../use-query.js';
import { OutcomeReview } from './OutcomeReview.js';

/** Suggestions for outcomes that are not stored: what a reader without the write token can do. */
export function PreviewBench({ outcomes }: { outcomes: string[] }) {
  const { data, error, loading } = useQuery<LinkOutcomes>(LINK_OUTCOMES, { outcomes });
  return (
    <section className="bench" aria-label="Suggestions preview">
      <p className="notice" role="note">
        Preview: this server takes no writes from you, so decisions cannot be stored. Start the server with
        ESCOGRAPH_WRITE_TOKEN set and enter that token above to review and keep the result.
      </p>
      {loading && <p role="status" className="busy">Ranking ESCO skills for {outcomes.length} outcomes…</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {data?.linkOutcomes.map((linked, index) => (
        <OutcomeReview key={index} position={index + 1} text={linked.text} rows={linked.suggestions} decisionOf={() => undefined} />
      ))}
    </section>
  );
}
