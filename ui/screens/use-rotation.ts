import { useEffect, useState } from 'react';

/**
 * Which of `count` items is up: the first, then each in turn every `periodMs`, starting over
 * from the first when the items change. Nothing moves while only one (or none) is there.
 */
export function useRotation(count: number, periodMs: number): number {
  const [index, setIndex] = useState(0);
  useEffect(() => {
    setIndex(0);
    if (count < 2) return undefined;
    const timer = setInterval(() => setIndex((i) => (i + 1) % count), periodMs);
    return () => clearInterval(timer);
  }, [count, periodMs]);
  return index < count ? index : 0;
}
