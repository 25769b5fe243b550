import type { ScreenProps } from './types';

export function Waiting({ message }: ScreenProps & { message: string }) {
  return (
    <section className="screen center" aria-busy="true">
      <h1 role="status">{message}</h1>
    </section>
  );
}
