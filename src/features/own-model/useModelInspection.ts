/**
 * The own-model dialog's first step as a hook: read model.json (by URL or from files), keep the
 * checked facts or the error, and guess the value range. Latest request wins.
 */
import { useCallback, useRef, useState } from 'react';
import type { InputRange } from '../../models/manifest';
import { guessInputRange } from '../../models/ownModelManifest';
import { inspectModelFiles, inspectModelUrl, type InspectedModel } from './modelSource';

export type { InspectedModel };

export type Inspection =
  | { kind: 'none' }
  | { kind: 'reading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; model: InspectedModel; guess: InputRange };

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function useModelInspection() {
  const [inspection, setInspection] = useState<Inspection>({ kind: 'none' });
  const latest = useRef(0);

  const run = useCallback((read: () => Promise<InspectedModel>) => {
    const token = ++latest.current;
    setInspection({ kind: 'reading' });
    read().then(
      (model) => {
        if (token === latest.current) {
          setInspection({ kind: 'ready', model, guess: guessInputRange(model.facts) });
        }
      },
      (e: unknown) => {
        if (token === latest.current) setInspection({ kind: 'error', message: messageOf(e) });
      },
    );
  }, []);

  return {
    inspection,
    fromUrl: useCallback((url: string) => run(() => inspectModelUrl(url)), [run]),
    fromFiles: useCallback((files: File[]) => run(() => inspectModelFiles(files)), [run]),
    reset: useCallback(() => {
      latest.current++;
      setInspection({ kind: 'none' });
    }, []),
  };
}
