// The information centre's topic list, in pages small enough to keep the screen to six
// choices (R8): up to five topics and "back" fit on one page; more are shown four at a time,
// with "next page" and "back".
export const MAX_CHOICES = 6;

export interface TopicPage<T> {
  shown: T[];
  page: number;
  pages: number;
}

export function topicPage<T>(topics: readonly T[], page: number): TopicPage<T> {
  const size = topics.length <= MAX_CHOICES - 1 ? MAX_CHOICES - 1 : MAX_CHOICES - 2;
  const pages = Math.max(1, Math.ceil(topics.length / size));
  const p = ((page % pages) + pages) % pages;
  return { shown: topics.slice(p * size, p * size + size), page: p, pages };
}
