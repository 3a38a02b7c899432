/** "Open this in the explorer": links written by the explorer's URL codec, with what they open. */
import { describeState, explorerHref, type ExplorerState } from '../logic/explorerLink';

export function ExplorerLinks({ states }: { states: readonly ExplorerState[] }) {
  return (
    <ul className="tour-links">
      {states.map((state) => {
        const description = describeState(state);
        return (
          <li key={description}>
            <a
              href={explorerHref(state)}
              data-testid="explorer-link"
              data-state={JSON.stringify(state)}
            >
              Open this in the explorer
            </a>{' '}
            <span className="ae-muted">({description})</span>
          </li>
        );
      })}
    </ul>
  );
}
