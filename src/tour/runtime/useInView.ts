/**
 * True once the element has come near the screen, and from then on: figures compute when the
 * reader reaches them, not all at once on page load (one engine serves the whole page).
 */
import { useEffect, useRef, useState, type RefObject } from 'react';

/** how far below the fold a figure starts, so it is usually done when it scrolls in */
const AHEAD = '300px 0px';

export function useInView<T extends Element>(): [RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [seen, setSeen] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (!el || seen) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setSeen(true);
          observer.disconnect();
        }
      },
      { rootMargin: AHEAD },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [seen]);
  return [ref, seen];
}
