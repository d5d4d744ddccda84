import { EmbeddingsModel } from '@energetic-ai/embeddings';

/** USE-lite's vocabulary (`vocab.json`): SentencePiece pieces and their log-probabilities, by token id. */
export type Vocabulary = [string, number][];

interface Piece {
  start: number;
  score: number;
  index: number;
}

const SEPARATOR = '\u2581';

/**
 * USE-lite's SentencePiece tokenizer: exactly the tokens of @energetic-ai/embeddings' `Tokenizer.encode` (the
 * same trie, the same Viterbi with its tie-breaking and its unknown-symbol merging), in linear time. That
 * `encode` copies the rest of the text at every symbol, so a long text costs the square of its length: ESCO's
 * joined alternative labels (up to 2,000 characters) took most of a cold build's CPU in tokenizing alone.
 */
export function useLiteTokenizer(vocabulary: Vocabulary): (text: string) => number[] {
  // The package's trie is public but reachable only through its model class; no TF.js graph is needed for it.
  const { trie } = new EmbeddingsModel({ vocabulary, model: undefined as never }).tokenizer;
  return (text) => {
    const normalized = text.normalize('NFKC');
    const symbols = normalized.length > 0 ? [...`${SEPARATOR}${normalized.replace(/ /g, SEPARATOR)}`] : [];
    const n = symbols.length;
    // Every piece of the vocabulary found in the text, listed at its end position, by ascending start.
    const ending: Piece[][] = Array.from({ length: n + 1 }, () => []);
    for (let start = 0; start < n; start++) {
      let found = false;
      let node = trie.root.children[symbols[start]!];
      for (let end = start + 1; node; end++) {
        if (node.end) {
          ending[end]!.push({ start, score: node.word[1], index: node.word[2] });
          found = true;
        }
        node = end < n ? node.children[symbols[end]!] : undefined;
      }
      // A symbol no piece starts with is unknown (id 0), one symbol long.
      if (!found) ending[start + 1]!.push({ start, score: 0, index: 0 });
    }
    // best[end]: the best score of symbols [0, end); 0 stands for "none yet", as in the package.
    const best = new Float64Array(n + 1);
    const words = new Int32Array(n + 1);
    for (let end = 1; end <= n; end++) {
      for (const piece of ending[end]!) {
        const score = piece.score + best[piece.start]!;
        if (best[end] === 0 || score >= best[end]!) {
          best[end] = score;
          words[end] = piece.index;
        }
      }
    }
    // Back from the end by each piece's length in the vocabulary (UTF-16 units, as the package counts).
    const tokens: number[] = [];
    for (let at = n; at > 0; at -= vocabulary[words[at]!]![0].length) tokens.push(words[at]!);
    tokens.reverse();
    // Runs of unknown symbols are one unknown token.
    return tokens.filter((token, i) => !(token === 0 && tokens[i - 1] === 0));
  };
}
