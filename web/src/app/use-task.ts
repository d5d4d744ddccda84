import { useState } from 'react';
import { messageOf } from './use-query.js';

/**
 * One piece of long work at a time, as a screen shows it: what is running (for a status line), and what failed,
 * in the server's words.
 */
export function useTask() {
  const [busy, setBusy] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const run = async (label: string, work: () => Promise<void>) => {
    setBusy(label);
    setFailure(undefined);
    try {
      await work();
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(undefined);
    }
  };
  return { busy, failure, setFailure, run };
}
