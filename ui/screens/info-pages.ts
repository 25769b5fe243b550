// The information centre's topic list, in pages small enough to keep the screen to six
// choices (R8): the topics are the choices, up to six on a page ("back", and "next page" when
// there are more than six, only move between screens). Six topics fit on one page.
export const MAX_CHOICES = 6;

export interface TopicPage<T> {
  shown: T[];
  page: number;
  pages: number;
}

export function topicPage<T>(topics: readonly T[], page: number): TopicPage<T> {
  const pages = Math.max(1, Math.ceil(topics.length / MAX_CHOICES));
  const p = ((page % pages) + pages) % pages;
  return { shown: topics.slice(p * MAX_CHOICES, p * MAX_CHOICES + MAX_CHOICES), page: p, pages };
}
