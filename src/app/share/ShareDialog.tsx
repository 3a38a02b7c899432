/**
 * "Copy link" and "Share / embed": the link to this exact state, and the snippets that put it
 * into a course page (an iframe of embed.html, or the custom element).
 */
import { useRef, useState } from 'react';
import { shareableFromState, unshareableNote, urlWithState, useAppStoreApi } from '../../state';
import { CopyField } from './CopyField';
import { copyText, type CopyOutcome } from './copyText';
import { elementSnippet, iframeSnippet } from './snippets';
import './share.css';

interface Snapshot {
  link: string;
  iframe: string;
  element: string;
  note: string | null;
}

export function ShareButtons() {
  const store = useAppStoreApi();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [copied, setCopied] = useState<CopyOutcome | null>(null);
  const linkRef = useRef<HTMLInputElement>(null);

  const take = (): Snapshot => {
    const s = store.getState();
    const appBase = new URL('./', window.location.href).href;
    const state = shareableFromState(s);
    return {
      link: urlWithState(window.location.href, store).href,
      iframe: iframeSnippet(appBase, state),
      element: elementSnippet(appBase, state),
      note: unshareableNote(s),
    };
  };

  const copyLink = () => {
    const next = take();
    setSnapshot(next);
    void copyText(next.link, linkRef.current).then(setCopied);
  };

  const open = () => {
    setSnapshot(take());
    dialogRef.current?.showModal();
  };

  return (
    <div className="ae-share">
      <button type="button" onClick={copyLink} data-testid="copy-link" data-link={snapshot?.link}>
        Copy link
      </button>
      {/* the fallback selects the link here when the clipboard is not allowed */}
      <input
        ref={linkRef}
        className="ae-share__link"
        readOnly
        aria-label="Link to this view"
        value={snapshot?.link ?? ''}
        hidden={copied !== 'selected'}
        data-testid="copy-link-text"
      />
      <span role="status" className="ae-muted" data-testid="copy-link-status">
        {copied === 'copied' ? `Link copied.${snapshot?.note ? ` ${snapshot.note}` : ''}` : ''}
      </span>
      <button type="button" onClick={open} data-testid="share-open">
        Share / embed
      </button>
      <dialog ref={dialogRef} className="ae-share__dialog" aria-label="Share or embed this view">
        {snapshot && (
          <>
            <h2>Share or embed this view</h2>
            {snapshot.note && <p className="ae-muted">{snapshot.note}</p>}
            <CopyField label="Link" value={snapshot.link} testId="share-link" />
            <CopyField
              label="Iframe (any page, LMS, Jupyter Book)"
              value={snapshot.iframe}
              multiline
              testId="share-iframe"
            />
            <CopyField
              label="Custom element (plain HTML pages)"
              value={snapshot.element}
              multiline
              testId="share-element"
            />
          </>
        )}
        <form method="dialog">
          <button type="submit" data-testid="share-close">
            Close
          </button>
        </form>
      </dialog>
    </div>
  );
}
