import {
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import './ui.css';

export interface TabItem<T extends string> {
  id: T;
  label: string;
}

export interface TabsProps<T extends string> {
  /** accessible name of the tab list */
  label: string;
  tabs: readonly TabItem<T>[];
  active: T;
  onChange(id: T): void;
  /** makes element ids unique when several tab lists share a page */
  idPrefix: string;
  /** the active tab's panel */
  children: ReactNode;
  testId?: string;
}

/** Whether a scrolling strip has more beyond its left and right edges. */
function useOverflow(ref: RefObject<HTMLElement | null>): { before: boolean; after: boolean } {
  const [more, setMore] = useState({ before: false, after: false });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const before = el.scrollLeft > 1;
      const after = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
      setMore((m) => (m.before === before && m.after === after ? m : { before, after }));
    };
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(el);
    return () => {
      el.removeEventListener('scroll', measure);
      observer?.disconnect();
    };
  }, [ref]);
  return more;
}

export const tabId = (prefix: string, id: string) => `${prefix}-tab-${id}`;
export const panelId = (prefix: string, id: string) => `${prefix}-panel-${id}`;

/**
 * WAI-ARIA tabs: one tab stop, arrow keys / Home / End move and activate, the panel is labelled
 * by its tab. Only the active panel is rendered.
 */
export function Tabs<T extends string>({
  label,
  tabs,
  active,
  onChange,
  idPrefix,
  children,
  testId,
}: TabsProps<T>) {
  const listRef = useRef<HTMLDivElement>(null);
  const more = useOverflow(listRef);

  // a tab chosen beyond the strip's edge (a phone) scrolls into view
  useEffect(() => {
    const tab = listRef.current?.querySelector<HTMLElement>(
      `#${CSS.escape(tabId(idPrefix, active))}`,
    );
    tab?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [active, idPrefix]);

  const focusTab = (index: number) => {
    const tab = tabs[(index + tabs.length) % tabs.length];
    if (!tab) return;
    onChange(tab.id);
    listRef.current?.querySelector<HTMLElement>(`#${CSS.escape(tabId(idPrefix, tab.id))}`)?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const current = tabs.findIndex((t) => t.id === active);
    const moves: Record<string, number> = {
      ArrowRight: current + 1,
      ArrowLeft: current - 1,
      Home: 0,
      End: tabs.length - 1,
    };
    const target = moves[e.key];
    if (target === undefined) return;
    e.preventDefault();
    focusTab(target);
  };

  return (
    <div className="ae-tabs">
      <div
        role="tablist"
        aria-label={label}
        className="ae-tabs__list"
        ref={listRef}
        onKeyDown={onKeyDown}
        data-testid={testId}
        data-more-before={more.before}
        data-more-after={more.after}
      >
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={tabId(idPrefix, t.id)}
            aria-selected={t.id === active}
            aria-controls={panelId(idPrefix, t.id)}
            tabIndex={t.id === active ? 0 : -1}
            data-testid={`tab-${t.id}`}
            onClick={() => onChange(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={panelId(idPrefix, active)}
        aria-labelledby={tabId(idPrefix, active)}
        className="ae-tabs__panel"
        data-testid={`panel-${active}`}
      >
        {children}
      </div>
    </div>
  );
}
